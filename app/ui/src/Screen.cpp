#include "ui/Screen.h"

#include <imgui.h>

#include <filesystem>

#include "core/JsonReader.h"

namespace ui {

Pen::Pen(const ScreenView& view, Align defaultAlign)
    : c(view.catalog),
      lang(view.language),
      pal(view.palette),
      s(view.scale),
      sizes(metricsFor(view.scale)),
      draw(ImGui::GetWindowDrawList()),
      audit(view.audit),
      align(defaultAlign) {}

void Pen::operator()(ImFont* font, const Rect& box, std::uint32_t color, const std::string& text, const std::string& id) const {
    drawTextIn(draw, font, box, color, text, audit, id, align);
}

void Pen::operator()(ImFont* font, const Rect& box, std::uint32_t color, const std::string& text, const std::string& id,
                     Align a) const {
    drawTextIn(draw, font, box, color, text, audit, id, a);
}

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
    // Module files (pricing, range, booking, ...) hold customer text too: every string value of
    // every content file, so no screen can show a character the font atlas lacks.
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(c.directory, ec)) {
        if (entry.path().extension() != ".json") continue;
        core::ContentErrors ignored;
        auto doc = core::parseJsonFile(entry.path().string(), ignored);
        if (!doc) continue;
        std::vector<const core::Json*> stack{&*doc};
        while (!stack.empty()) {
            const core::Json* j = stack.back();
            stack.pop_back();
            if (j->is_string()) {
                const std::string& str = j->get_ref<const std::string&>();
                for (unsigned char ch : str)
                    if (ch >= 0x80) {  // only strings with non-ASCII characters add glyphs
                        all += str;
                        break;
                    }
            } else if (j->is_structured()) {
                for (const auto& child : *j) stack.push_back(&child);
            }
        }
    }
    return all;
}

}  // namespace ui
