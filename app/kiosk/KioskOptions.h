#pragma once
// KioskOptions: the kiosk's command line. Parsing is a pure function so it is tested without a display.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

struct Tap {
    float x = 0, y = 0;
};

struct KioskOptions {
    bool windowed = false;
    int width = 1920, height = 1080;   // window size when windowed
    std::string contentDir;            // empty: the default content folder
    std::string language;              // empty: the market's default
    std::string screenshotPath;        // write a PNG after `frames` frames, then exit
    int frames = 10;
    std::vector<Tap> taps;             // synthetic taps, one every few frames (tests and demos)
    std::string layoutDumpPath;        // write the chooser's layout as JSON (tests)
    std::string fontPath;              // override the CJK font
    std::string scriptPath;            // replay a recorded session, then exit
    std::string startScreen;           // start on this screen instead of the attract loop
    bool help = false;
};

struct ParseResult {
    std::optional<KioskOptions> options;
    std::string error;  // set when options is empty
};

ParseResult parseKioskOptions(const std::vector<std::string>& args);
const char* kioskUsage();

}  // namespace kiosk
