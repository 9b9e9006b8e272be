#include "ui/PinyinEngine.h"

#include <pinyinime.h>

#include <filesystem>

#include "ui/Widgets.h"

namespace ui {

std::string PinyinEngine::defaultDictionaryPath() {
    for (const char* p : {"/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
                          "/usr/lib/aarch64-linux-gnu/googlepinyin/data/dict_pinyin.dat",
                          "/usr/lib/googlepinyin/data/dict_pinyin.dat"}) {
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
    }
    return {};
}

PinyinEngine::PinyinEngine(const std::string& dictionaryPath) {
    if (dictionaryPath.empty()) return;
    m_open = ime_pinyin::im_open_decoder(dictionaryPath.c_str(), "/dev/null");
}

PinyinEngine::~PinyinEngine() {
    if (m_open) ime_pinyin::im_close_decoder();
}

std::string utf16ToUtf8(const std::u16string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size()) {  // surrogate pair
            c = 0x10000 + ((c - 0xD800) << 10) + (static_cast<unsigned>(s[++i]) - 0xDC00);
        }
        appendUtf8(out, c);
    }
    return out;
}

std::vector<std::string> PinyinEngine::candidates(const std::string& letters, size_t max) {
    std::vector<std::string> out;
    if (!m_open || letters.empty()) return out;
    for (char ch : letters)
        if (ch < 'a' || ch > 'z') return out;  // the decoder reads lower-case letters only
    ime_pinyin::im_reset_search();
    const size_t count = ime_pinyin::im_search(letters.c_str(), letters.size());
    ime_pinyin::char16 buffer[64];
    for (size_t i = 0; i < count && out.size() < max; ++i) {
        if (!ime_pinyin::im_get_candidate(i, buffer, 63)) continue;
        std::u16string s;
        for (size_t k = 0; k < 63 && buffer[k] != 0; ++k) s += static_cast<char16_t>(buffer[k]);
        std::string utf8 = utf16ToUtf8(s);
        if (!utf8.empty()) out.push_back(std::move(utf8));
    }
    ime_pinyin::im_reset_search();
    return out;
}

}  // namespace ui
