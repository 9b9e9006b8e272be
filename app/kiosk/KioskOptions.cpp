#include "KioskOptions.h"

#include <regex>

namespace kiosk {

const char* kioskUsage() {
    return "usage: kiosk [options]\n"
           "  --windowed WxH        run in a window of W by H pixels (default: full screen)\n"
           "  --content DIR         content folder (default: ./content, else the built-in one)\n"
           "  --market ID           the market to sell in: markets/ID in the content folder (default: the kiosk\n"
           "                        configuration's \"market\", else the content folder's own)\n"
           "  --lang LANG           start in this one of the market's languages (default: the market's first)\n"
           "  --screenshot FILE.png render, save a PNG of the window and exit\n"
           "  --frames N            frames to render before the screenshot (default 10)\n"
           "  --tap X,Y             a synthetic tap at window pixel X,Y (repeatable; taps come in order)\n"
           "  --dump-layout FILE    write where the model chooser draws its parts, as JSON\n"
           "  --script FILE         replay a recorded session (taps, typing, waits, screenshots), then exit\n"
           "  --audit OUT.json      walk every screen in every layout, language and accessibility mode; write layout\n"
           "                        findings to OUT.json and contact sheets beside it; exit 1 on any finding\n"
           "  --audit-layouts L,..  only these layouts (1920x1080, 1080x1920, 3840x2160, 1280x800)\n"
           "  --audit-modes M,..    only these modes (standard, large_text, high_contrast, large_high, low_reach)\n"
           "  --audit-states S,..   only these screens' states (attract, models, configure, summary, guide, ...)\n"
           "  --audit-shots DIR     also save every audited frame full size as DIR/LAYOUT-LANGUAGE-MODE-STATE.png\n"
           "  --screen NAME         start on this screen (attract, models); --screenshot alone starts on models\n"
           "  --date YYYY-MM-DD     price as of this day (default: today)\n"
           "  --bench               replay a fixed visit; print start-up and option-tap timings (JSON)\n"
           "  --event               event mode: test drives join a walk-up queue per model\n"
           "  --data DIR            keep bookings and the store key in DIR (default: ~/.local/share/showroom-kiosk)\n"
           "  --no-3d               flat car pictures instead of the 3D renderer\n"
           "  --model FILE          show any model file in the 3D viewer (with --screenshot: render it)\n"
           "  --config CODE         show the car of a configuration code in the 3D viewer\n"
           "  --trim ID [--paint ID] [--wheels ID]   show a catalog car in the 3D viewer\n"
           "  --view NAME           camera: front-three-quarter, side, rear-three-quarter, top, interior\n"
           "  --font FILE           the font to draw with (default: Noto Sans CJK from fonts-noto-cjk)\n";
}

ParseResult parseKioskOptions(const std::vector<std::string>& args) {
    KioskOptions o;
    auto fail = [](const std::string& msg) { return ParseResult{std::nullopt, msg}; };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) -> bool {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--windowed") {
            if (!value(v)) return fail("--windowed needs a size such as 1920x1080");
            static const std::regex kSize(R"(^(\d{3,5})x(\d{3,5})$)");
            std::smatch m;
            if (!std::regex_match(v, m, kSize)) return fail("--windowed \"" + v + "\": expected WxH, e.g. 1920x1080");
            o.windowed = true;
            o.width = std::stoi(m[1]);
            o.height = std::stoi(m[2]);
            if (o.width < 320 || o.height < 320 || o.width > 8192 || o.height > 8192)
                return fail("--windowed \"" + v + "\": each side must be 320 to 8192 pixels");
        } else if (a == "--content") {
            if (!value(o.contentDir)) return fail("--content needs a folder");
        } else if (a == "--market") {
            if (!value(o.market)) return fail("--market needs a market id such as cn or de");
        } else if (a == "--lang") {
            if (!value(o.language)) return fail("--lang needs a language such as zh-CN or en");
        } else if (a == "--screenshot") {
            if (!value(o.screenshotPath)) return fail("--screenshot needs a file name");
        } else if (a == "--frames") {
            if (!value(v)) return fail("--frames needs a number");
            try {
                o.frames = std::stoi(v);
            } catch (...) {
                return fail("--frames \"" + v + "\" is not a number");
            }
            if (o.frames < 1 || o.frames > 100000) return fail("--frames must be 1 to 100000");
        } else if (a == "--tap") {
            if (!value(v)) return fail("--tap needs X,Y");
            static const std::regex kTap(R"(^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$)");
            std::smatch m;
            if (!std::regex_match(v, m, kTap)) return fail("--tap \"" + v + "\": expected X,Y in pixels");
            o.taps.push_back({std::stof(m[1]), std::stof(m[2])});
        } else if (a == "--dump-layout") {
            if (!value(o.layoutDumpPath)) return fail("--dump-layout needs a file name");
        } else if (a == "--audit") {
            if (!value(o.auditPath)) return fail("--audit needs a file for the findings, such as audit.json");
            o.windowed = true;  // the audit sizes the window to each layout itself
        } else if (a == "--audit-shots") {
            if (!value(o.auditShotsDir)) return fail("--audit-shots needs a folder for the screenshots");
        } else if (a == "--audit-layouts" || a == "--audit-modes" || a == "--audit-states") {
            if (!value(v)) return fail(a + " needs a comma-separated list");
            auto& list = a == "--audit-layouts" ? o.auditLayouts : a == "--audit-modes" ? o.auditModes : o.auditStates;
            for (size_t start = 0; start <= v.size();) {
                const size_t comma = std::min(v.find(',', start), v.size());
                if (comma > start) list.push_back(v.substr(start, comma - start));
                start = comma + 1;
            }
        } else if (a == "--script") {
            if (!value(o.scriptPath)) return fail("--script needs a file");
        } else if (a == "--screen") {
            if (!value(o.startScreen)) return fail("--screen needs a screen name");
            if (o.startScreen != "attract" && o.startScreen != "models")
                return fail("--screen \"" + o.startScreen + "\": expected attract or models");
        } else if (a == "--date") {
            if (!value(o.date)) return fail("--date needs a day such as 2026-11-27");
        } else if (a == "--bench") {
            o.bench = true;
        } else if (a == "--event") {
            o.eventMode = true;
        } else if (a == "--data") {
            if (!value(o.dataDir)) return fail("--data needs a folder");
        } else if (a == "--no-3d") {
            o.no3d = true;
        } else if (a == "--model") {
            if (!value(o.modelFile)) return fail("--model needs a model file");
        } else if (a == "--config") {
            if (!value(o.configCode)) return fail("--config needs a configuration code");
        } else if (a == "--trim") {
            if (!value(o.trim)) return fail("--trim needs a trim id");
        } else if (a == "--paint") {
            if (!value(o.paint)) return fail("--paint needs a paint option id");
        } else if (a == "--wheels") {
            if (!value(o.wheels)) return fail("--wheels needs a wheel option id");
        } else if (a == "--view") {
            if (!value(o.view)) return fail("--view needs a camera preset name");
            if (o.view != "front-three-quarter" && o.view != "side" && o.view != "rear-three-quarter" && o.view != "top" &&
                o.view != "interior")
                return fail("--view \"" + o.view + "\": expected front-three-quarter, side, rear-three-quarter, top or interior");
        } else if (a == "--font") {
            if (!value(o.fontPath)) return fail("--font needs a file");
        } else {
            return fail("unknown option \"" + a + "\"");
        }
    }
    return {o, {}};
}

}  // namespace kiosk
