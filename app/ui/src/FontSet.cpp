#include "ui/FontSet.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <filesystem>
#include <fstream>
#include <iterator>

#include "ui/Glyphs.h"

namespace ui {

std::string defaultCjkFontPath() {
    for (const char* p : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"}) {
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return {};
}

FontSet FontSet::build(const std::string& fontPath, int fontIndex, const std::string& text, float scale,
                       std::vector<unsigned char>* fileCache) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    FontSet set;

    // ImGui keeps a pointer to the ranges until the atlas is built, so `ranges` lives until Build().
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText(text.c_str());
    builder.AddText("0123456789,.-–~·:/()%¥€$ ");
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);

    std::error_code ec;
    const bool haveFont = !fontPath.empty() && std::filesystem::exists(fontPath, ec);
    if (haveFont && fileCache && fileCache->empty()) {
        std::ifstream in(fontPath, std::ios::binary);
        fileCache->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    auto add = [&](float px) -> ImFont* {
        if (!haveFont) {
            ImFontConfig cfg;
            cfg.SizePixels = px;
            return io.Fonts->AddFontDefault(&cfg);
        }
        ImFontConfig cfg;
        cfg.FontNo = fontIndex;
        cfg.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling would quadruple the atlas
        cfg.OversampleV = 1;
        if (fileCache && !fileCache->empty()) {
            cfg.FontDataOwnedByAtlas = false;  // the cache keeps the bytes
            return io.Fonts->AddFontFromMemoryTTF(fileCache->data(), static_cast<int>(fileCache->size()), px, &cfg, ranges.Data);
        }
        return io.Fonts->AddFontFromFileTTF(fontPath.c_str(), px, &cfg, ranges.Data);
    };
    if (!haveFont) set.warning = "Chinese font not found (install fonts-noto-cjk); Chinese text cannot be shown";
    set.body = add(34.0f * scale);
    set.small = add(26.0f * scale);
    set.large = add(46.0f * scale);
    set.title = add(64.0f * scale);
    io.Fonts->Build();
    return set;
}

std::vector<unsigned> glyphsMissingIn(std::initializer_list<ImFont*> fonts, const std::string& text) {
    std::vector<unsigned> missing;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c < 0x20) continue;
        for (ImFont* f : fonts) {
            if (f && !f->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
                missing.push_back(c);
                break;
            }
        }
    }
    return missing;
}

std::vector<unsigned> FontSet::missingGlyphs(const std::string& text) const {
    return glyphsMissingIn({body, small, large, title}, text);
}

}  // namespace ui
