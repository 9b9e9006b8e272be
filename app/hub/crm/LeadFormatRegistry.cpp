// The lead formats by name. A new format: its file defines make<Name>Format(); add it here.
#include <algorithm>
#include <memory>

#include "hub/crm/LeadAdapter.h"

namespace hub::crm {

std::unique_ptr<LeadFormat> makeAdfFormat();
std::unique_ptr<LeadFormat> makeWebhookFormat();

namespace {

struct Registered {
    std::string name;
    std::unique_ptr<LeadFormat> format;
};

const std::vector<Registered>& registry() {
    static const std::vector<Registered> kFormats = [] {
        std::vector<Registered> v;
        v.push_back({"adf", makeAdfFormat()});
        v.push_back({"webhook", makeWebhookFormat()});
        return v;
    }();
    return kFormats;
}

}  // namespace

const LeadFormat* findLeadFormat(std::string_view name) {
    for (const auto& r : registry())
        if (r.name == name) return r.format.get();
    return nullptr;
}

std::vector<std::string> leadFormatNames() {
    std::vector<std::string> names;
    for (const auto& r : registry()) names.push_back(r.name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace hub::crm
