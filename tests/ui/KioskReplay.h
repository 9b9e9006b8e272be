#pragma once
// Replaying a scripted visit through the real kiosk under Xvfb (`--script`), for the UI tests.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <stb_image.h>

#include "support/Process.h"
#include "support/RunDir.h"
#include "support/TestPaths.h"

namespace kiosk_replay {
namespace fs = std::filesystem;

// Scripts, dumps and data folders of this test process only, removed at its end (support/RunDir.h).
inline std::filesystem::path workDir() { return testing_paths::runDir("kiosk-session-tests"); }

// Flow tests draw flat car pictures (--no-3d): Mesa's software renderer needs up to a second per
// 3D frame; the 3D view has tests of its own. Each replay keeps its bookings in a folder of its own.
struct ReplayOptions {
    std::string screen = "1920x1080x24";
    std::vector<std::string> extra;  // further kiosk options
    bool with3d = false;
    std::vector<std::string> env;  // "NAME=value" for the kiosk (a hub configuration)
    bool ownData = true;           // give the replay a data folder of its own (else env configures it)
};

inline testing_process::Result replay(const std::string& name, const nlohmann::json& steps, const ReplayOptions& o = {}) {
    const std::filesystem::path script = workDir() / (name + ".json");
    std::ofstream(script) << nlohmann::json{{"steps", steps}}.dump(2);
    std::vector<std::string> argv = {XVFB_EXEC_PATH, o.screen, KIOSK_PATH, "--content",
                                     testing_paths::contentDir(), "--date", "2026-11-27", "--script", script.string()};
    if (!o.with3d) argv.push_back("--no-3d");
    if (o.ownData && std::find(o.extra.begin(), o.extra.end(), "--data") == o.extra.end()) {
        argv.push_back("--data");
        argv.push_back((workDir() / (name + "-data")).string());
    }
    argv.insert(argv.end(), o.extra.begin(), o.extra.end());
    return testing_process::run(argv, o.env);
}

inline nlohmann::json readJson(const std::filesystem::path& p) { return nlohmann::json::parse(std::ifstream(p)); }

// A screenshot read across the left edge of a target (`rect` = [x, y, w, h] from a state dump) at
// its mid-height: the ink (0 white .. 255 black) summed over the seven columns around the edge, and
// the ink `faceDx` pixels inside it. An outline is ink across the edge over a light face.
struct EdgeInk {
    bool read = false;
    int across = 0;
    int face = 0;
};
inline EdgeInk leftEdgeInk(const std::filesystem::path& png, const nlohmann::json& rect, int faceDx) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
    EdgeInk e;
    if (!px) return e;
    auto ink = [&](int x, int y) {
        const unsigned char* p = px + (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 3;
        return 255 - (p[0] + p[1] + p[2]) / 3;
    };
    const int x = static_cast<int>(rect[0].get<float>() + 0.5f), y = static_cast<int>(rect[1].get<float>() + rect[3].get<float>() / 2);
    if (x - 3 >= 0 && x + std::max(3, faceDx) < w && y >= 0 && y < h) {
        e.read = true;
        for (int dx = -3; dx <= 3; ++dx) e.across += ink(x + dx, y);
        e.face = ink(x + faceDx, y);
    }
    stbi_image_free(px);
    return e;
}

// The texts a state dump shows under one id (its pieces, "id#N", joined).
inline std::string shown(const nlohmann::json& dump, const std::string& id) {
    std::string out;
    for (const auto& [key, value] : dump["texts"].items())
        if (key == id || key.rfind(id + "#", 0) == 0) out += value.get<std::string>();
    return out;
}

}  // namespace kiosk_replay
