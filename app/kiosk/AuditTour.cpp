#include "AuditTour.h"

#include <epoxy/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "Screenshot.h"
#include "VisitActions.h"
#include "screens/GuideEntry.h"
#include "ui/GuideScreen.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Sampling.h"

namespace kiosk {
namespace {

constexpr int kCell = 320;  // a contact sheet's cell, in pixels

// 27" 1080p panel (portrait too), 32" 4K panel, 10.1" 1280x800 tablet: pixels per millimetre.
const AuditLayout kLayouts[] = {{1920, 1080, 3.21f}, {1080, 1920, 3.21f}, {3840, 2160, 5.42f}, {1280, 800, 5.88f}};

std::string layoutName(const AuditLayout& l) { return std::to_string(l.width) + "x" + std::to_string(l.height); }

// The cheapest and the dearest valid car of the catalog (on the kiosk's date, before discounts).
std::pair<std::string, std::string> extremes(const KioskContext& ctx) {
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    std::string cheapest, dearest;
    core::pricing::PriceOptions options;
    options.date = ctx.today;
    for (const auto& car : core::pricing::enumerateValidConfigurations(ctx.catalog)) {
        auto price = core::pricing::priceConfiguration(ctx.catalog, ctx.content.pricing, car, options);
        if (!price) continue;
        // The most lines first (every pack), then the highest price.
        const std::int64_t key = static_cast<std::int64_t>(price->lines.size()) * 1'000'000'000'000LL + price->dueAtPurchaseMinor;
        if (key > hi) hi = key, dearest = core::pricing::encodeConfiguration(ctx.catalog, car, price->vehiclePriceMinor);
        if (price->dueAtPurchaseMinor < lo)
            lo = price->dueAtPurchaseMinor, cheapest = core::pricing::encodeConfiguration(ctx.catalog, car, price->vehiclePriceMinor);
    }
    return {cheapest, dearest};
}

void setMode(Visit& visit, const std::string& mode) {
    ui::Accessibility& a = visit.access;
    a.largeText = mode == "large_text" || mode == "large_high";
    a.highContrast = mode == "high_contrast" || mode == "large_high";
    a.lowReach = mode == "low_reach";
    visit.palette = a.highContrast ? ui::highContrastPalette() : ui::Palette{};
}

}  // namespace

AuditTour::AuditTour(const KioskContext& ctx, std::string outPath, const std::vector<std::string>& layouts,
                     const std::vector<std::string>& modes, const std::vector<std::string>& states, std::string shotsDir)
    : m_out(std::move(outPath)),
      m_shots(std::move(shotsDir)),
      m_states{"attract", "models", "configure", "repair", "summary", "compare", "fit_check", "survey", "guide", "guide_results",
               "booking", "booking_error", "confirmation", "event_confirmation", "advisor_pin", "advisor", "out_of_order"},
      m_modes{"standard", "large_text", "high_contrast", "large_high", "low_reach"} {
    for (const auto& m : modes)
        if (std::find(m_modes.begin(), m_modes.end(), m) == m_modes.end()) throw std::runtime_error("--audit-modes: unknown mode \"" + m + "\"");
    for (const auto& l : layouts)
        if (std::none_of(std::begin(kLayouts), std::end(kLayouts), [&](const AuditLayout& k) { return layoutName(k) == l; }))
            throw std::runtime_error("--audit-layouts: unknown layout \"" + l + "\"");
    for (const auto& st : states)
        if (std::find(m_states.begin(), m_states.end(), st) == m_states.end()) throw std::runtime_error("--audit-states: unknown state \"" + st + "\"");
    if (!modes.empty()) m_modes = modes;
    if (!states.empty()) m_states = states;
    std::tie(m_cheapestCode, m_dearestCode) = extremes(ctx);
    if (const auto folder = std::filesystem::path(m_out).parent_path(); !folder.empty()) std::filesystem::create_directories(folder);
    if (!m_shots.empty()) std::filesystem::create_directories(m_shots);
    for (const auto& layout : kLayouts) {
        if (!layouts.empty() && std::find(layouts.begin(), layouts.end(), layoutName(layout)) == layouts.end()) continue;
        for (const auto& language : ctx.catalog.market.languages) {
            m_sheets.push_back({layoutName(layout) + "-" + language, static_cast<int>(m_states.size()),
                                static_cast<int>(m_modes.size()), {}});
            m_sheets.back().rgb.assign(static_cast<size_t>(m_sheets.back().columns) * kCell *
                                           static_cast<size_t>(m_sheets.back().rows) * kCell * 3, 40);
            for (const auto& mode : m_modes)
                for (const auto& state : m_states) m_cases.push_back({layout, language, mode, state});
        }
    }
}

void AuditTour::stage(KioskContext& ctx, Visit& visit) const {
    const AuditCase& c = current();
    visit.session.language = c.language;
    setMode(visit, c.mode);
    const std::string& s = c.state;
    if (s == "attract") return;
    visit.screen = ScreenId::Models;
    if (s == "models") return;
    if (s == "guide" || s == "guide_results") {
        // Question 3 (seats, child seats, luggage: the most controls), or the recommended cars.
        openGuide(ctx, visit, ScreenId::Models);
        visit.guide.step = s == "guide" ? 2 : ui::kGuideQuestions;
        return;
    }
    if (s == "repair") {
        // The Crane's 22-inch wheels on the entry trim: the repair with the most changes.
        openModel(ctx, visit, "crane");
        visit.car.configurator->pick("crane-standard");
        refreshCar(ctx, visit);
        visit.car.category = "wheels";
        visit.car.explaining = "crane-wheel-22";
        visit.car.repair = visit.car.configurator->proposeRepair("crane-wheel-22");
        return;
    }
    if (s == "compare") {
        showCodeOnSummary(ctx, visit, m_cheapestCode, 0);
        visit.compare.keptCar = visit.session.configuration;
        visit.compare.keptColumn = compareColumn(ctx, visit);
    }
    showCodeOnSummary(ctx, visit, m_dearestCode, s == "summary" ? 500'000 : 0);
    visit.session.language = c.language;  // restoring writes the advisor's message in the visit's language
    if (s == "configure") visit.screen = ScreenId::Configure;
    else if (s == "compare") visit.screen = ScreenId::Compare;
    else if (s == "fit_check") openFitCheck(ctx, visit, ScreenId::Summary);
    else if (s == "survey") {
        // As reached through the fit check: a wallbox chosen (the form names it).
        if (!ctx.content.charging.wallboxes.empty()) visit.fit.answers.wallbox = ctx.content.charging.wallboxes.front().id;
        visit.screen = ScreenId::Survey;
    }
    else if (s == "booking" || s == "booking_error") {
        openBooking(ctx, visit);
        visit.session.form.name.assign(c.language == "en" ? "Alexandra Montgomery-Smith" : "欧阳娜娜");
        if (s == "booking") visit.bookingUi.focused = "name", visit.bookingUi.keyboard.mode = ui::nameKeyboardMode(c.language);
        else visit.bookingUi.errors = {{"mobile", "invalid_mobile"}, {"consent", "consent_required"}};
    } else if (s == "confirmation" || s == "event_confirmation") {
        ui::ConfirmationView v;
        v.model = &visit.car.configurator->model();
        v.confirmed = true;
        v.queue = s == "event_confirmation";
        v.slot = "2026-11-28T14:30";
        v.queuePlace = 12;
        v.waitMinutes = 25;
        v.bookingId = "TD-20261128-0042";
        visit.confirmation = v;
        visit.screen = ScreenId::Confirmation;
    } else if (s == "advisor_pin") {
        visit.screen = ScreenId::AdvisorPin;
    } else if (s == "advisor") {
        visit.advisor.unlocked = true;
        visit.screen = ScreenId::Advisor;
    } else if (s == "out_of_order") {
        visit.screen = ScreenId::OutOfOrder;
    }
}

void AuditTour::record(const ui::AuditFrame& frame, int width, int height) {
    for (auto& f : ui::auditFrame(frame)) m_findings.emplace_back(current(), std::move(f));
    if (!m_shots.empty()) {
        const AuditCase& c = current();
        const std::string path = m_shots + "/" + layoutName(c.layout) + "-" + c.language + "-" + c.mode + "-" + c.state + ".png";
        if (const std::string err = saveScreenshot(path, width, height); !err.empty())
            std::fprintf(stderr, "kiosk: audit: %s\n", err.c_str());
    }
    thumbnail(width, height);
    ++m_index;
}

void AuditTour::thumbnail(int width, int height) {
    const AuditCase& c = current();
    const std::string name = layoutName(c.layout) + "-" + c.language;
    auto sheet = std::find_if(m_sheets.begin(), m_sheets.end(), [&](const Sheet& s) { return s.name == name; });
    if (sheet == m_sheets.end() || width <= 0 || height <= 0) return;
    std::vector<unsigned char>& px = m_pixels;
    px.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, px.data());
    const int col = static_cast<int>(std::find(m_states.begin(), m_states.end(), c.state) - m_states.begin());
    const int row = static_cast<int>(std::find(m_modes.begin(), m_modes.end(), c.mode) - m_modes.begin());
    const float k = static_cast<float>(std::max(width, height)) / static_cast<float>(kCell - 8);
    const int tw = static_cast<int>(static_cast<float>(width) / k), th = static_cast<int>(static_cast<float>(height) / k);
    const int ox = col * kCell + (kCell - tw) / 2, oy = row * kCell + (kCell - th) / 2;
    const int stride = sheet->columns * kCell;
    for (int y = 0; y < th; ++y)
        for (int x = 0; x < tw; ++x) {
            // A box filter over the source pixels this one covers; GL rows run bottom to top.
            const int x0 = static_cast<int>(static_cast<float>(x) * k), x1 = std::max(x0 + 1, static_cast<int>(static_cast<float>(x + 1) * k));
            const int y0 = static_cast<int>(static_cast<float>(y) * k), y1 = std::max(y0 + 1, static_cast<int>(static_cast<float>(y + 1) * k));
            unsigned sum[3] = {0, 0, 0}, n = 0;
            for (int sy = y0; sy < std::min(y1, height); sy += 2)
                for (int sx = x0; sx < std::min(x1, width); sx += 2) {
                    const size_t i = (static_cast<size_t>(height - 1 - sy) * static_cast<size_t>(width) + static_cast<size_t>(sx)) * 3;
                    for (int ch = 0; ch < 3; ++ch) sum[ch] += px[i + static_cast<size_t>(ch)];
                    ++n;
                }
            const size_t o = (static_cast<size_t>(oy + y) * static_cast<size_t>(stride) + static_cast<size_t>(ox + x)) * 3;
            for (int ch = 0; ch < 3; ++ch) sheet->rgb[o + static_cast<size_t>(ch)] = static_cast<unsigned char>(sum[ch] / std::max(1u, n));
        }
}

int AuditTour::finish() {
    nlohmann::json j;
    j["cases"] = m_cases.size();
    j["states"] = m_states;
    j["modes"] = m_modes;
    j["findings"] = nlohmann::json::array();
    for (const auto& [c, f] : m_findings)
        j["findings"].push_back({{"layout", layoutName(c.layout)}, {"language", c.language}, {"mode", c.mode},
                                 {"state", c.state}, {"kind", f.kind}, {"id", f.id}, {"detail", f.detail}});
    const std::string stem = m_out.size() > 5 && m_out.substr(m_out.size() - 5) == ".json" ? m_out.substr(0, m_out.size() - 5) : m_out;
    j["contact_sheets"] = nlohmann::json::array();
    stbi_flip_vertically_on_write(0);
    for (const auto& sheet : m_sheets) {
        const std::string path = stem + "-" + sheet.name + ".png";
        const int w = sheet.columns * kCell, h = sheet.rows * kCell;
        if (stbi_write_png(path.c_str(), w, h, 3, sheet.rgb.data(), w * 3)) j["contact_sheets"].push_back(path);
        else std::fprintf(stderr, "kiosk: audit: cannot write %s\n", path.c_str());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    j["seconds"] = seconds;
    std::ofstream(m_out) << j.dump(2) << "\n";
    // Each finding named, so that a failing run in a test log says what to fix.
    for (const auto& [c, f] : m_findings)
        std::fprintf(stderr, "kiosk: audit: %s %s %s %s: %s %s: %s\n", layoutName(c.layout).c_str(), c.language.c_str(),
                     c.mode.c_str(), c.state.c_str(), f.kind.c_str(), f.id.c_str(), f.detail.c_str());
    std::fprintf(stderr, "kiosk: audit: %zu cases in %.1f s (%.0f ms a case), %zu findings, written to %s\n", m_cases.size(), seconds,
                 m_cases.empty() ? 0.0 : 1000 * seconds / static_cast<double>(m_cases.size()), m_findings.size(), m_out.c_str());
    return m_findings.empty() ? 0 : 1;
}

}  // namespace kiosk
