#include "ui/Screen.h"

namespace ui {

std::string fillTemplate(std::string text, const std::string& name, const std::string& value) {
    const std::string key = "{" + name + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
        text.replace(pos, key.size(), value);
    return text;
}

std::string collectDisplayText(const core::Catalog& c) {
    std::string all;
    auto add = [&](const core::Text& t) {
        for (const auto& [language, s] : t.all()) all += s;
    };
    add(c.brand.name);
    add(c.brand.slogan);
    add(c.market.name);
    add(c.showroom.name);
    add(c.showroom.address);
    for (const auto& cat : c.categories) add(cat.name);
    for (const auto& [key, t] : c.strings) add(t);
    for (const auto& m : c.models) {
        add(m.name);
        add(m.tagline);
        for (const auto& t : m.trims) add(t.name);
        for (const auto& o : m.options) {
            add(o.name);
            add(o.description);
        }
        for (const auto& r : m.rules) add(r.message);
    }
    for (const auto& d : c.showroom.demoFleet) all += d.plate;
    all += c.market.currency.symbol;
    return all;
}

}  // namespace ui
