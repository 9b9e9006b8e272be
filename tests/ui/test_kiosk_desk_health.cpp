// The advisor's desk when the names and the store are not what the content foresaw: visitors'
// Chinese names that no content string uses are drawn with their own glyphs (never "??"), and a
// damaged or read-only booking database is shown to staff as a failure, never as an empty day.
// The kiosk's store is seeded here, as earlier visits would have left it.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "KioskReplay.h"
#include "core/ContentLoader.h"
#include "core/booking/BookingSettings.h"
#include "store/KioskStore.h"
#include "support/PngImage.h"
#include "support/Skip.h"

namespace fs = std::filesystem;
using namespace kiosk_replay;
using testing_image::Image;
using testing_image::loadPng;

namespace {

const std::string kKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

// Walk-up bookings for today (the kiosk's own clock) under `names`, in a fresh data folder.
void seedStore(const fs::path& data, const std::vector<std::string>& names) {
    fs::remove_all(data);
    fs::create_directories(data);
    std::ofstream(data / "store.key") << kKeyHex << "\n";
    auto loaded = core::loadContent(testing_paths::contentDir());
    REQUIRE(loaded.ok());
    auto settings = core::loadBookingSettings(*loaded.catalog);
    REQUIRE(settings.settings);
    store::KioskStore db((data / "kiosk.db").string(), store::SecretKey::fromHex(kKeyHex), "kiosk-1");
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string today = core::localFromUtcMs(now, loaded.catalog->market.timeZone).first.toString();
    for (size_t i = 0; i < names.size(); ++i) {
        core::Booking b;
        b.name = names[i];
        b.mobile = "1390013900" + std::to_string(i);
        b.model = "heron";
        b.mode = core::BookingMode::Queue;
        b.queueDate = today;
        b.licenceConfirmed = true;
        b.consent.version = settings.settings->consent.version;
        const auto r = db.bookTestDrive(b, *loaded.catalog, *settings.settings, now);
        for (const auto& e : r.errors) UNSCOPED_INFO(e.field << ": " << e.code);
        REQUIRE(r.ok());
    }
}

// Opens advisor mode with the PIN, lets the list load, then dumps the state and the screen.
nlohmann::json advisorScreen(const std::string& name, const fs::path& data, const fs::path& shot) {
    const fs::path dump = workDir() / (name + ".json");
    const auto r = replay(name,
                          {{{"tap", "start"}}, {{"tap", "advisor"}}, {{"type", "2468\n"}}, {{"frames", 6}},
                           {{"expect_screen", "advisor"}}, {{"dump", dump.string()}}, {{"screenshot", shot.string()}}},
                          {.screen = "1920x1080x24", .extra = {"--data", data.string()}, .with3d = false, .env = {}, .ownData = true});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return readJson(dump);
}

struct Box {
    int x = 0, y = 0, w = 0, h = 0;
};

Box boxOf(const nlohmann::json& dump, const std::string& id) {
    INFO("text box " << id);
    REQUIRE(dump["text_boxes"].contains(id));
    const auto& b = dump["text_boxes"][id];
    return {static_cast<int>(b[0].get<double>()), static_cast<int>(b[1].get<double>()), static_cast<int>(b[2].get<double>()),
            static_cast<int>(b[3].get<double>())};
}

// Pixels in `box` that stand out from the box's corner colour (the card behind the text).
int inkIn(const Image& img, const Box& b) {
    const auto bg = img.at(b.x, b.y);
    int ink = 0;
    for (int y = b.y; y < b.y + b.h && y < img.height; ++y)
        for (int x = b.x; x < b.x + b.w && x < img.width; ++x) {
            const auto p = img.at(x, y);
            if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 120) ++ink;
        }
    return ink;
}

// A file the kiosk cannot write: mode 0444, and immutable when the tests run as root (root writes
// through a 0444 mode). Undone at the end so the run folder can be removed.
class ReadOnlyFile {
public:
    explicit ReadOnlyFile(fs::path path) : m_path(std::move(path)) {
        fs::permissions(m_path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        if (::geteuid() == 0) m_immutable = testing_process::run({"/usr/bin/chattr", "+i", m_path.string()}).exitCode == 0;
    }
    ~ReadOnlyFile() {
        if (m_immutable) testing_process::run({"/usr/bin/chattr", "-i", m_path.string()});
        std::error_code ec;
        fs::permissions(m_path, fs::perms::owner_read | fs::perms::owner_write, ec);
    }
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
    bool readOnly() const {
        const int fd = ::open(m_path.c_str(), O_RDWR);
        if (fd >= 0) ::close(fd);
        return fd < 0;
    }

private:
    fs::path m_path;
    bool m_immutable = false;
};

// Staff see the failure: the red banner with the reason, and no "no bookings today".
void requireFailureShown(const nlohmann::json& d, const Image& img, const std::string& reason) {
    INFO(d["texts"].dump(2));
    const std::string problem = d["store_problem"].get<std::string>();
    INFO("store problem: " << problem);
    CHECK(problem.find(reason) != std::string::npos);
    CHECK(d["texts"].contains("advisor.store_failing#0"));
    CHECK_FALSE(d["texts"].contains("advisor.none"));
    CHECK(d["missing_glyphs"].empty());
    // The banner is red behind its text.
    const Box b = boxOf(d, "advisor.store_failing#0");
    const auto p = img.at(b.x - 6, b.y + b.h / 2);
    CHECK(p[0] > 150);
    CHECK(p[1] < 80);
    CHECK(p[2] < 80);
}

}  // namespace

TEST_CASE("advisor desk: visitors' Chinese names no content string uses are drawn with their own glyphs, not '?'") {
    const fs::path data = workDir() / "desk-names-data";
    const std::vector<std::string> names = {"龚燚", "甄骞"};
    seedStore(data, names);
    const fs::path shot = workDir() / "desk-names.png";
    const auto d = advisorScreen("desk-names", data, shot);
    REQUIRE(d["desk"].size() == 2);
    CHECK(d["store_problem"] == "");
    CHECK(d["desk_list_failed"] == false);
    std::set<std::string> shown;
    for (const std::string id : {"advisor.row0.name", "advisor.row1.name"}) shown.insert(d["texts"][id].get<std::string>());
    CHECK(shown == std::set<std::string>(names.begin(), names.end()));
    // Every code point of the last frame had its glyph (ImGui draws '?' for one that has none).
    CHECK(d["missing_glyphs"].empty());

    // The pixels: two full-width ideographs (an em each: about 0.7 of the line height) dense with
    // strokes; two '?' would be less than half as wide with a fraction of the ink.
    const Image img = loadPng(shot.string());
    for (const std::string id : {"advisor.row0.name", "advisor.row1.name"}) {
        const Box b = boxOf(d, id);
        INFO(id << " box " << b.x << "," << b.y << " " << b.w << "x" << b.h << ", ink " << inkIn(img, b));
        CHECK(b.w >= 1.1 * b.h);
        CHECK(inkIn(img, b) >= b.h * b.h / 3);
    }
}

TEST_CASE("advisor desk: a damaged booking database is shown to staff as a failure, never as an empty day") {
    const fs::path data = workDir() / "desk-damaged-data";
    seedStore(data, {"王芳", "李娜"});
    {
        // The bookings are there, but the file's header is overwritten.
        std::fstream f(data / "kiosk.db", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0);
        f << std::string(100, 'x');
    }
    const fs::path shot = workDir() / "desk-damaged.png";
    const auto d = advisorScreen("desk-damaged", data, shot);
    CHECK(d["desk"].empty());
    CHECK(d["desk_list_failed"] == true);
    CHECK(d["texts"].contains("advisor.list_failed"));
    requireFailureShown(d, loadPng(shot.string()), "not a database");
}

TEST_CASE("advisor desk: a read-only booking database is shown to staff as a failure, never as an empty day") {
    const fs::path data = workDir() / "desk-readonly-data";
    seedStore(data, {"王芳", "李娜"});
    ReadOnlyFile readOnly(data / "kiosk.db");
    if (!readOnly.readOnly()) KIOSK_SKIP("cannot make a file read-only here (root without chattr)");
    const fs::path shot = workDir() / "desk-readonly.png";
    const auto d = advisorScreen("desk-readonly", data, shot);
    // Either the kiosk could read its bookings (then it lists them under the banner) or it could not
    // (then it says so); never an empty day.
    if (d["desk"].empty()) CHECK(d["texts"].contains("advisor.list_failed"));
    else CHECK(d["desk"].size() == 2);
    requireFailureShown(d, loadPng(shot.string()), "readonly");
}
