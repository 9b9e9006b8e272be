#pragma once
// PinyinEngine: Chinese input by pinyin for the on-screen keyboard, on Google Pinyin
// (Debian's libgooglepinyin). The library keeps one decoder per process, so the App owns exactly
// one engine; UI thread only. Nothing typed is learned or stored: the user dictionary is
// /dev/null, since names are personal data.
#include <string>
#include <vector>

namespace ui {

class PinyinEngine {
public:
    // Opens the system dictionary; ok() is false (and the keyboard offers Latin letters only) when
    // the dictionary is missing.
    explicit PinyinEngine(const std::string& dictionaryPath = defaultDictionaryPath());
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    bool ok() const { return m_open; }
    // Hanzi candidates for a run of pinyin letters ("zhangsan" -> "张三", ...), best first.
    std::vector<std::string> candidates(const std::string& letters, size_t max = 12);

    static std::string defaultDictionaryPath();

private:
    bool m_open = false;
};

// UTF-16 code units (as Google Pinyin returns them) to UTF-8.
std::string utf16ToUtf8(const std::u16string& s);

}  // namespace ui
