// The on-screen keyboard's logic, fed as a physical keyboard feeds it (no display needed).
#include <catch2/catch.hpp>

#include "ui/OnScreenKeyboard.h"
#include "ui/PinyinEngine.h"

#include <algorithm>

using namespace ui;

TEST_CASE("pinyin turns letters into hanzi candidates, space takes the first") {
    PinyinEngine engine;
    REQUIRE(engine.ok());  // Debian's libgooglepinyin0 ships the dictionary
    OnScreenKeyboard kb;
    KeyboardState state;
    auto edit = kb.typeCharacters(state, &engine, U"zhangsan");
    CHECK(edit.insert.empty());  // nothing reaches the field until a candidate is chosen
    CHECK(state.pinyin.str() == "zhangsan");
    REQUIRE(!state.candidates.empty());
    CHECK(state.candidates.front() == "张三");
    edit = kb.typeCharacters(state, &engine, U" ");
    CHECK(edit.insert == "张三");
    CHECK(state.pinyin.empty());
    CHECK(state.candidates.empty());
}

TEST_CASE("backspace edits the pinyin first, then the field, digits pick a candidate") {
    PinyinEngine engine;
    REQUIRE(engine.ok());
    OnScreenKeyboard kb;
    KeyboardState state;
    kb.typeCharacters(state, &engine, U"lii");
    auto edit = kb.typeCharacters(state, &engine, U"\b");
    CHECK(state.pinyin.str() == "li");
    CHECK(edit.backspaces == 0);
    const auto cands = state.candidates;
    auto it = std::find(cands.begin(), cands.end(), "李");
    REQUIRE(it != cands.end());
    REQUIRE(it - cands.begin() < 9);
    const char32_t pick = static_cast<char32_t>(U'1' + (it - cands.begin()));
    edit = kb.typeCharacters(state, &engine, std::u32string(1, pick));
    CHECK(edit.insert == "李");
    edit = kb.typeCharacters(state, &engine, U"\b\b");
    CHECK(edit.backspaces == 2);
}

TEST_CASE("digit fields take digits and plus only, Latin mode passes letters through") {
    OnScreenKeyboard kb;
    KeyboardState digits;
    digits.mode = KeyboardMode::Digits;
    auto edit = kb.typeCharacters(digits, nullptr, U"+86 138-0013x8000");
    CHECK(edit.insert == "+8613800138000");
    KeyboardState latin;
    latin.mode = KeyboardMode::Latin;
    edit = kb.typeCharacters(latin, nullptr, U"li.na@example.cn\n");
    CHECK(edit.insert == "li.na@example.cn");
    CHECK(edit.done);
}

TEST_CASE("wiping the keyboard forgets what was typed") {
    PinyinEngine engine;
    OnScreenKeyboard kb;
    KeyboardState state;
    kb.typeCharacters(state, &engine, U"wang");
    state.wipe();
    CHECK(state.pinyin.empty());
    CHECK(state.candidates.empty());
}
