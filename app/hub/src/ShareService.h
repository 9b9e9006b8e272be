#pragma once
// ShareService: the state of the share pages inside HubServer: the content they price with (none
// when the hub's content has no pricing or range: the pages then answer "not found"), the rate
// limits per client address, and the showroom's today. Thread-safe.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ShareQuote.h"
#include "hub/ShareOptions.h"

namespace hub {

// What the page and the form share: the quote of the code in the path, in the chosen language.
struct SharePageContext {
    const ShareContent* content = nullptr;
    std::string language, quotedParam;  // quotedParam: the link's d=YYYY-MM-DD, "" when none
    std::optional<SharedQuote> quote;
};

class ShareService {
public:
    ShareService(const core::Catalog& catalog, ShareOptions options);
    const ShareContent* content() const { return m_content.get(); }
    // Takes one token of the address's page or form bucket; false when it is empty.
    bool allowPage(const std::string& address) { return take(m_pages, address, m_options.pagePerSecond, m_options.pageBurst); }
    bool allowForm(const std::string& address) { return take(m_forms, address, m_options.formPerSecond, m_options.formBurst); }
    core::pricing::Date today(std::int64_t nowMs) const;

private:
    struct Bucket {
        double tokens = 0;
        std::chrono::steady_clock::time_point last;
    };
    bool take(std::map<std::string, Bucket>& buckets, const std::string& address, double perSecond, double burst);

    std::unique_ptr<ShareContent> m_content;
    ShareOptions m_options;
    core::TimeZone m_zone;  // the market's civil time: "today" for a link without a quote day
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_pages, m_forms;
};

}  // namespace hub
