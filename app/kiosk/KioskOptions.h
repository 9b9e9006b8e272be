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
    std::string market;                // empty: the kiosk configuration's, else the content folder's own
    std::string language;              // empty: the market's default
    std::string screenshotPath;        // write a PNG after `frames` frames, then exit
    int frames = 10;
    std::vector<Tap> taps;             // synthetic taps, one every few frames (tests and demos)
    std::string layoutDumpPath;        // write the chooser's layout as JSON (tests)
    std::string fontPath;              // override the CJK font
    std::string scriptPath;            // replay a recorded session, then exit
    std::string auditPath;             // walk every screen, layout, language and mode; write the findings here
    std::vector<std::string> auditLayouts;  // only these layouts ("1920x1080"); empty: all four
    std::vector<std::string> auditModes;    // only these accessibility modes ("standard"); empty: all five
    std::vector<std::string> auditStates;   // only these screen states ("summary"); empty: all
    std::string auditShotsDir;              // also save each audited frame full size here
    std::string startScreen;           // start on this screen instead of the attract loop
    std::string date;                  // price as of this day (YYYY-MM-DD) instead of today
    bool no3d = false;
    bool bench = false;                // replay a fixed visit and print start-up and per-pick timings as JSON
    bool eventMode = false;            // bookings join a walk-up queue instead of taking showroom slots
    std::string dataDir;               // keep bookings (and the store key) in this folder                 // draw flat car pictures instead of the 3D renderer
    // The car viewer: a full-window 3D picture of a model file or a configured catalog car.
    std::string modelFile;             // any model file (glTF, GLB, OBJ, FBX)
    std::string configCode;            // a configuration code
    std::string trim, paint, wheels;   // or a trim with optional paint and wheels
    std::string view;                  // camera preset: front-three-quarter, side, rear-three-quarter, top, interior
    bool help = false;
};

struct ParseResult {
    std::optional<KioskOptions> options;
    std::string error;  // set when options is empty
};

ParseResult parseKioskOptions(const std::vector<std::string>& args);
const char* kioskUsage();

}  // namespace kiosk
