#include "core/pricing/ShareLink.h"

namespace core::pricing {

std::string shareLink(const Market& market, const std::string& code, Date quoted) {
    if (market.shareBaseUrl.empty()) return code;
    return market.shareBaseUrl + "/c/" + code + "?d=" + quoted.str();
}

}  // namespace core::pricing
