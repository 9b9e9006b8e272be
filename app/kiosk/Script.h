#pragma once
// Script: a recorded customer session the kiosk replays (`--script FILE`): taps by the name a
// screen gave a target or by pixel, typed text, keys, waiting, jumping the clock forward (to
// reach the idle timeout), screenshots and state dumps for tests. Parsing is pure.
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct ScriptStep {
    enum class Kind { Tap, TapIfShown, TapFirst, TapAt, TapRandom, Drag, Frames, Advance, Type, Key, Screenshot, Dump, Expect, OpenCode };
    Kind kind = Kind::Frames;
    std::string text;   // Tap, TapIfShown (moves on when the target never shows): target name; TapFirst: a name prefix; Type: text; Key: key name; Screenshot/Dump: path; Expect: screen id
    float x = 0, y = 0; // TapAt; Drag: where the finger goes down
    float toX = 0, toY = 0;  // Drag: where it lifts
    int frames = 1;     // Frames; Drag: frames the finger moves for (fewer = a faster flick)
    double seconds = 0; // Advance
    unsigned seed = 0;  // TapRandom: which target, from the targets on screen
    long long discountMinor = 0;  // OpenCode: the advisor's discount on the restored car
};

struct ScriptParse {
    std::vector<ScriptStep> steps;
    std::string error;  // "FILE: /steps/3: ..." when the script cannot be used
};

// {"steps": [{"tap": "model:lark"}, {"tap_first": "slot:"}, {"tap": [960, 540]}, {"frames": 5}, {"advance_s": 70},
//            {"type": "13800138000"}, {"key": "backspace"}, {"screenshot": "a.png"},
//            {"dump": "state.json"}, {"expect_screen": "models"},
//            {"monkey": {"taps": 300, "seed": 7}},    (random taps on whatever is on screen)
//            {"drag": {"from": [600, 900], "to": [600, 400], "frames": 6}},   (a finger drag or flick)
//            {"open_code": "CODE"} or {"open_code": {"code": "CODE", "discount_minor": 500000}}]}
//            (the car of a configuration code on the summary, as an advisor's restore would give it,
//             so a test can visit many cars quickly)
ScriptParse parseScript(const std::string& path);

}  // namespace kiosk
