#include "App.h"

#include <GLFW/glfw3.h>
#include <sodium.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "KioskData.h"
#include "Screenshot.h"
#include "document/Quote.h"
#include "ui/Layout.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace kiosk {
namespace {

// Synthetic taps start after the first frames have laid out the screen, one every few frames:
// hover, press, release, then a frame for the result to show.
constexpr int kFirstTapFrame = 3;
constexpr int kFramesPerTap = 4;
// A scripted run advances the clock by one 60 Hz frame per frame, so it replays identically.
constexpr double kScriptFrameSeconds = 1.0 / 60.0;
// After a failure the "out of order" screen stays this long, then a fresh session starts.
constexpr double kOutOfOrderSeconds = 10.0;
// How long a scripted tap waits for its target to be drawn.
constexpr int kTargetWaitFrames = 30;

core::pricing::Date todayLocal() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return core::pricing::Date::fromCivil(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                                          static_cast<unsigned>(local.tm_mday));
}

}  // namespace

App::App(KioskOptions options, KioskContent content, std::chrono::steady_clock::time_point started)
    : m_options(std::move(options)),
      m_content(std::move(content)),
      m_window(!m_options.windowed, m_options.width, m_options.height, "Showroom kiosk"),
      m_imgui(m_window.handle()),
      m_advisorLock(m_content.settings, [this](const std::string& pin) {
          // Argon2id, as stored in content; an empty hash never matches.
          const std::string& hash = m_content.settings.advisorPinHash;
          return !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
      }) {
    m_today = todayLocal();
    if (!m_options.date.empty()) {
        auto d = core::pricing::Date::parse(m_options.date);
        if (!d) throw std::runtime_error("--date \"" + m_options.date + "\": expected YYYY-MM-DD");
        m_today = *d;
    }
    m_session.reset(m_catalog.defaultLanguage());
    // Screenshots of a single screen start where a customer would be after touching "start".
    if (!m_options.screenshotPath.empty() && m_options.scriptPath.empty()) m_session.screen = "models";
    if (!m_options.language.empty()) {
        const auto& langs = m_catalog.market.languages;
        if (std::find(langs.begin(), langs.end(), m_options.language) == langs.end())
            throw std::runtime_error("--lang \"" + m_options.language + "\" is not a language of this market's content");
        m_session.language = m_options.language;
    }
    if (!m_options.startScreen.empty()) m_session.screen = m_options.startScreen;
    m_started = started == std::chrono::steady_clock::time_point{} ? std::chrono::steady_clock::now() : started;
    if (m_options.bench) {
        // A fixed visit: open the sedan and change paint and wheels back and forth.
        auto tap = [&](const std::string& target) { m_script.push_back({ScriptStep::Kind::Tap, target}); };
        m_script.push_back({ScriptStep::Kind::Frames, "", 0, 0, 3});
        tap("start");
        tap("model:heron");
        for (int round = 0; round < 5; ++round) {
            tap("tab:paint");
            for (const char* paint : {"heron-paint-black", "heron-paint-blue", "heron-paint-silver", "heron-paint-white"})
                tap(std::string("option:") + paint);
            tap("tab:wheels");
            tap("option:heron-wheel-20-turbine");
            tap("option:heron-wheel-19-aero");
        }
    }
    if (!m_options.scriptPath.empty()) {
        ScriptParse script = parseScript(m_options.scriptPath);
        if (!script.error.empty()) throw std::runtime_error("script: " + script.error);
        m_script = std::move(script.steps);
    }
    // Symbols the screens draw besides the content text (arrows, keyboard keys, markers).
    try {
        m_bookingFlow = std::make_unique<BookingFlow>(m_content, resolveKioskData(m_options.dataDir));
    } catch (const std::exception& e) {
        // Browsing, prices and range still work; booking asks the visitor to see an advisor.
        m_bookingError = e.what();
        std::fprintf(stderr, "kiosk: bookings unavailable: %s\n", m_bookingError.c_str());
    }
    m_desk = std::make_unique<AdvisorDesk>(m_bookingFlow.get(), m_content);
    m_insight.emplace(m_catalog, m_bookingFlow ? m_bookingFlow->config().kioskId : std::string("kiosk"),
                      m_content.analytics.screens, [this](const std::vector<core::analytics::Event>& events) {
                          if (m_bookingFlow) m_bookingFlow->recordInsight(events);
                      });
    m_bookingUi.queueMode = m_options.eventMode;
    if (!m_options.no3d) startCarView();
    setupViewer();
    if (m_session.screen == "attract") showAttractCar();
    m_displayText = ui::collectDisplayText(m_catalog) + "‹›→ⓘ←✓⇧␣·…−—●周一二三四五六日";
    std::fprintf(stderr, "kiosk: OpenGL %d.%d core, content %s from %s\n", m_window.glMajor(), m_window.glMinor(),
                 m_catalog.contentVersion.c_str(), m_catalog.directory.c_str());
}

void App::coverGlyphs(const std::string& text) {
    // Pinyin can offer any hanzi: add the ones the font atlas lacks, rebuilt before the next frame.
    // Each code point is asked for once per visit: one the font cannot draw at all (an emoji from a
    // physical keyboard) must not rebuild the atlas every frame.
    bool added = false;
    for (unsigned cp : m_fonts.missingGlyphs(text)) {
        if (!m_visitCodepoints.insert(cp).second) continue;
        ui::appendUtf8(m_visitGlyphs, static_cast<char32_t>(cp));
        added = true;
    }
    if (added) m_themeDirty = true;
}

void App::rebuildFonts(float uiScale) {
    m_uiScale = uiScale;
    const float scale = uiScale * (m_access.largeText ? 1.25f : 1.0f);
    if (scale == m_fontScale && !m_themeDirty) return;
    const bool firstBuild = m_fontScale == 0;
    const std::string path = m_options.fontPath.empty() ? ui::defaultCjkFontPath() : m_options.fontPath;
    m_fonts = ui::FontSet::build(path, m_options.fontPath.empty() ? ui::kNotoSansCjkScIndex : 0, m_displayText + m_visitGlyphs,
                                 scale);
    if (!m_fonts.warning.empty()) std::fprintf(stderr, "kiosk: warning: %s\n", m_fonts.warning.c_str());
    const auto missing = m_fonts.missingGlyphs(m_displayText);
    if (!missing.empty())
        std::fprintf(stderr, "kiosk: warning: %zu characters have no glyph in the font, e.g. U+%04X\n", missing.size(),
                     missing.front());
    ui::applyTheme(uiScale, m_palette);
    if (!firstBuild) m_imgui.reloadFonts();  // the first atlas is uploaded by the backend itself
    m_fontScale = scale;
    m_themeDirty = false;
}

void App::injectTaps(int frame) {
    if (m_options.taps.empty() || frame < kFirstTapFrame) return;
    const int index = (frame - kFirstTapFrame) / kFramesPerTap;
    const int phase = (frame - kFirstTapFrame) % kFramesPerTap;
    if (index >= static_cast<int>(m_options.taps.size())) return;
    ImGuiIO& io = ImGui::GetIO();
    const Tap& t = m_options.taps[static_cast<size_t>(index)];
    io.MousePos = ImVec2(t.x, t.y);
    io.MouseDown[0] = phase == 1;  // press on the second frame, release on the third
}

bool App::stepScript(int width, int height, bool& finished) {
    finished = m_scriptIndex >= m_script.size();
    if (finished) return true;
    ImGuiIO& io = ImGui::GetIO();
    const ScriptStep& step = m_script[m_scriptIndex];
    auto next = [&] {
        ++m_scriptIndex;
        m_waitFrames = 0;
        m_stepFrame = 0;
        m_tapTarget.reset();
    };
    auto where = [&] { return "script step " + std::to_string(m_scriptIndex + 1) + ": "; };
    switch (step.kind) {
        case ScriptStep::Kind::Tap:
        case ScriptStep::Kind::TapRandom:
        case ScriptStep::Kind::TapFirst:
        case ScriptStep::Kind::TapAt: {
            if (m_stepFrame == 0) {
                if (step.kind == ScriptStep::Kind::TapAt) {
                    m_tapTarget = ui::Rect{step.x, step.y, 1, 1};
                } else {
                    // The target may appear a few frames late (a screen change, the first frame).
                    if (step.kind == ScriptStep::Kind::TapRandom) {
                        const auto& all = m_lastHits.entries();
                        if (all.empty()) {
                            if (++m_waitFrames < kTargetWaitFrames) break;
                            next();  // nothing to tap on this screen: move on
                            break;
                        }
                        m_tapTarget = all[step.seed % all.size()].second;
                    } else if (step.kind == ScriptStep::Kind::TapFirst) {
                        for (const auto& [id, r] : m_lastHits.entries())
                            if (id.rfind(step.text, 0) == 0) {
                                m_tapTarget = r;
                                break;
                            }
                    } else {
                        m_tapTarget = m_lastHits.find(step.text);
                    }
                    if (!m_tapTarget) {
                        if (++m_waitFrames < kTargetWaitFrames) break;
                        std::fprintf(stderr, "kiosk: %snothing named \"%s\" on screen \"%s\"\n", where().c_str(),
                                     step.text.c_str(), m_session.screen.c_str());
                        return false;
                    }
                }
            }
            io.MousePos = ImVec2(m_tapTarget->centerX(), m_tapTarget->centerY());
            io.MouseDown[0] = m_stepFrame == 1;
            if (++m_stepFrame == kFramesPerTap) next();
            break;
        }
        case ScriptStep::Kind::Drag: {
            // Down at `from`, move in equal steps to `to`, lift there.
            const int f = m_stepFrame;
            const float t = std::clamp(static_cast<float>(f - 1) / static_cast<float>(step.frames), 0.0f, 1.0f);
            io.MousePos = ImVec2(step.x + (step.toX - step.x) * t, step.y + (step.toY - step.y) * t);
            io.MouseDown[0] = f >= 1 && f <= step.frames + 1;
            if (++m_stepFrame > step.frames + 2) next();
            break;
        }
        case ScriptStep::Kind::Frames:
            if (++m_stepFrame >= step.frames) next();
            break;
        case ScriptStep::Kind::Advance:
            m_clock += step.seconds;
            next();
            break;
        case ScriptStep::Kind::Type:
            io.AddInputCharactersUTF8(step.text.c_str());
            next();
            break;
        case ScriptStep::Kind::Key:
            // Keys reach the screens the way a physical keyboard's do.
            if (step.text == "backspace") io.AddInputCharacter(0x08);
            else if (step.text == "enter") io.AddInputCharacter('\n');
            else {
                std::fprintf(stderr, "kiosk: %sunknown key \"%s\"\n", where().c_str(), step.text.c_str());
                return false;
            }
            next();
            break;
        case ScriptStep::Kind::Screenshot:
            m_pendingScreenshot = step.text;  // taken after this frame is drawn
            next();
            break;
        case ScriptStep::Kind::Dump:
            writeStateDump(step.text);
            next();
            break;
        case ScriptStep::Kind::Expect:
            if (m_session.screen != step.text) {
                std::fprintf(stderr, "kiosk: %sexpected screen \"%s\", showing \"%s\"\n", where().c_str(),
                             step.text.c_str(), m_session.screen.c_str());
                return false;
            }
            next();
            break;
    }
    (void)width;
    (void)height;
    return true;
}

bool App::sawInput() const {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] || io.MouseDown[1] || io.MouseWheel != 0 || io.InputQueueCharacters.Size > 0) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

core::session::IdleContext App::idleContext() const {
    using core::session::IdleContext;
    const std::string& s = m_session.screen;
    if (s == "attract" || s == "out-of-order") return IdleContext::Attract;
    if (s == "booking" || s == "survey" || s == "confirmation") return IdleContext::Form;
    if (m_explaining) return IdleContext::Browsing;
    if (s.rfind("advisor", 0) == 0) return IdleContext::Advisor;
    return IdleContext::Browsing;
}

void App::showAttractCar() {
    if (!m_carView || m_catalog.showroom.demoFleet.empty()) return;
    // The hero is the first demo car, in the paint the showroom can actually show on the floor.
    const core::DemoVehicle& hero = m_catalog.showroom.demoFleet.front();
    const core::Model* model = m_catalog.findModel(hero.model);
    const core::Trim* trim = model ? model->findTrim(hero.trim) : nullptr;
    if (!trim) return;
    core::Configuration car = core::defaultConfiguration(*model, *trim);
    if (const core::Option* paint = model->findOption(hero.paint)) {
        for (auto it = car.options.begin(); it != car.options.end();) {
            const core::Option* o = model->findOption(*it);
            it = o && o->category == "paint" ? car.options.erase(it) : std::next(it);
        }
        car.options.insert(paint->id);
    }
    m_carView->showModel(car.model);
    m_carView->configure(car);
    m_carView->setPreset("front-three-quarter", false);
    m_carView->turntable(true);
}

std::int64_t App::nowSeconds() const { return static_cast<std::int64_t>(std::time(nullptr)); }

void App::resetSession(bool timedOut) {
    m_insight->ended(m_session.screen, m_configurator ? &m_session.configuration : nullptr, nowSeconds(), timedOut);
    m_session.reset(m_catalog.defaultLanguage());
    m_keptCar.reset();
    m_keptColumn.reset();
    m_fitAnswers = core::charging::FitAnswers{};
    m_fitAnswer.reset();
    lockAdvisor();
    m_pinTyped.wipe();
    m_codeTyped.clear();
    m_advisorMessage.clear();
    m_dealerDiscountMinor = 0;
    m_bookingUi.wipe();
    m_surveyUi.wipe();
    m_visitTestDriveId.clear();
    if (!m_visitGlyphs.empty()) {
        // The characters a visitor typed go with the visit.
        std::fill(m_visitGlyphs.begin(), m_visitGlyphs.end(), '\0');
        m_visitGlyphs.clear();
        m_themeDirty = true;
    }
    m_visitCodepoints.clear();
    m_confirmation.reset();
    showAttractCar();
    m_configurator.reset();
    m_explaining.reset();
    m_repair.reset();
    m_price.reset();
    m_range.reset();
    m_finance = ui::FinanceChoice{};
    m_dailyKm = 50;
    m_winter.reset();
    m_highway.reset();
    m_week.reset();
    m_tco.reset();
    m_code.clear();
    m_qr.clear();
    m_qrSize = 0;
    m_qrLarge = false;
    if (m_access.highContrast || m_access.largeText) m_themeDirty = true;
    m_access = ui::Accessibility{};
    m_palette = ui::Palette{};
    m_lastInput = m_clock;
}

void App::applyIntent(const ui::Intent& intent) {
    if (intent.switchLanguage) {
        const auto& langs = m_catalog.market.languages;
        auto it = std::find(langs.begin(), langs.end(), m_session.language);
        m_session.language = (it == langs.end() || std::next(it) == langs.end()) ? langs.front() : *std::next(it);
    }
    if (intent.start) {
        m_insight->started(nowSeconds());
        m_session.startedAtSeconds = m_clock;
        m_session.screen = "models";
        if (m_carView) m_carView->turntable(false);
    }
    if (intent.openModel && m_catalog.findModel(*intent.openModel)) openModel(*intent.openModel);
    if (intent.back && m_session.screen == "survey") {
        m_session.survey.wipe();  // leaving the form forgets what was typed
        m_surveyUi.wipe();
        m_session.screen = "fit-check";
        return;
    }
    if (intent.back && m_session.screen == "fit-check") {
        m_session.screen = m_fitReturn;
        return;
    }
    if (intent.back && m_session.screen == "compare") {
        m_session.screen = "summary";
        return;
    }
    if (intent.back) {
        if (m_session.screen == "booking") {
            m_session.form.wipe();  // leaving the form forgets what was typed
            m_bookingUi.wipe();
        }
        m_session.screen = m_session.screen == "configure" ? "models" : "configure";
        if (m_session.screen == "models" && m_carView) m_carView->turntable(false);
        m_explaining.reset();
        m_repair.reset();
    }
    if (m_configurator) {
        bool changed = false;
        const auto pickStart = std::chrono::steady_clock::now();
        if (intent.category && *intent.category != m_category) {
            m_category = *intent.category;
            m_optionScroll.reset();  // a new list starts at its top
        }
        if (intent.pick) changed = m_configurator->pick(*intent.pick);
        if (intent.unpick) {
            m_configurator->unpick(*intent.unpick);
            changed = true;
        }
        if (intent.explain) {
            m_insight->optionGreyedOut(m_session.configuration, *intent.explain, nowSeconds());
            m_explaining = *intent.explain;
            m_repair = m_configurator->proposeRepair(*intent.explain);
        }
        if (intent.applyRepair && m_repair) {
            changed = m_configurator->applyRepair(*m_repair);
            m_explaining.reset();
            m_repair.reset();
        }
        if (intent.dismissRepair) {
            m_explaining.reset();
            m_repair.reset();
        }
        if (changed) {
            refreshCar();
            if (intent.pick) m_insight->optionPicked(m_session.configuration, *intent.pick, nowSeconds());
            if (intent.pick)
                m_pickMs.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - pickStart).count());
        }
    }
    if (intent.openFitCheck && m_configurator) {
        m_fitReturn = m_session.screen == "confirmation" ? "confirmation" : "summary";
        if (m_fitAnswers.wallbox.empty() && !m_content.charging.wallboxes.empty())
            m_fitAnswers.wallbox = m_content.charging.wallboxes.front().id;
        refreshFit();
        m_session.screen = "fit-check";
    }
    if (intent.openSurvey && m_configurator && m_fitAnswer &&
        m_fitAnswer->verdict != core::charging::Verdict::NotPossible) {
        m_surveyUi.wipe();
        m_session.screen = "survey";
    }
    if (intent.compare && m_configurator && m_price) {
        if (m_keptCar && !(*m_keptCar == m_session.configuration)) {
            m_session.screen = "compare";
        } else {
            m_keptCar = m_session.configuration;
            m_keptColumn = columnForCurrentCar();
        }
    }
    if (intent.openAdvisor) {
        m_pinTyped.wipe();
        m_pinWrong = false;
        m_session.screen = m_advisorUnlocked ? "advisor" : "advisor-pin";
    }
    if (intent.openSummary && m_configurator && m_price) {
        refreshSummary();
        m_insight->quoteShown(m_session.configuration, nowSeconds());
        m_session.screen = "summary";
    }
    if (intent.openBooking && m_configurator) {
        if (m_session.configurationCode.empty() && m_price)
            m_session.configurationCode = core::pricing::encodeConfiguration(m_catalog, m_session.configuration,
                                                                             m_price->vehiclePriceMinor);
        m_session.screen = "booking";
    }
    if (intent.toggleAccessPanel) m_access.panelOpen = !m_access.panelOpen;
    if (intent.toggleLargeText) m_access.largeText = !m_access.largeText;
    if (intent.toggleLowReach) m_access.lowReach = !m_access.lowReach;
    if (intent.toggleHighContrast) {
        m_access.highContrast = !m_access.highContrast;
        m_palette = m_access.highContrast ? ui::highContrastPalette() : ui::Palette{};
        m_access.panelOpen = false;
        m_themeDirty = true;  // re-apply the theme with the new colours
    }
}

void App::startCarView() {
    // The car is what sells, but the kiosk still works without it: flat pictures replace it.
    try {
        core::ContentErrors errors;
        auto it = m_catalog.moduleFiles.find("render");
        render::RenderMapping mapping;
        if (it != m_catalog.moduleFiles.end()) mapping = render::loadRenderMapping(m_catalog, it->second, errors);
        for (const auto& e : errors) std::fprintf(stderr, "kiosk: %s\n", e.toString().c_str());
        m_carView = std::make_unique<CarView>(m_catalog, std::move(mapping));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: 3D view unavailable, showing flat pictures: %s\n", e.what());
        m_carView.reset();
    }
}

void App::setupViewer() {
    const bool viewer = !m_options.modelFile.empty() || !m_options.configCode.empty() || !m_options.trim.empty();
    if (!viewer) return;
    if (!m_carView) throw std::runtime_error("the 3D viewer needs the renderer (it could not start, or --no-3d was given)");
    m_session.screen = "viewer";
    if (!m_options.modelFile.empty()) {
        m_carView->showFile(m_options.modelFile);
    } else {
        core::Configuration car;
        if (!m_options.configCode.empty()) {
            auto restored = core::pricing::restoreConfiguration(m_catalog, m_options.configCode);
            if (!restored.ok) throw std::runtime_error("--config: " + restored.error);
            car = restored.config;
        } else {
            const core::Model* model = nullptr;
            for (const auto& m : m_catalog.models)
                if (m.findTrim(m_options.trim)) model = &m;
            if (!model) throw std::runtime_error("--trim \"" + m_options.trim + "\" is not a trim of any model");
            car = core::defaultConfiguration(*model, *model->findTrim(m_options.trim));
            for (const auto* id : {&m_options.paint, &m_options.wheels}) {
                if (id->empty()) continue;
                const core::Option* o = model->findOption(*id);
                if (!o) throw std::runtime_error("\"" + *id + "\" is not an option of " + model->id);
                for (auto it = car.options.begin(); it != car.options.end();) {
                    const core::Option* cur = model->findOption(*it);
                    it = cur && cur->category == o->category ? car.options.erase(it) : std::next(it);
                }
                car.options.insert(*id);
            }
        }
        m_carView->showModel(car.model);
        m_carView->configure(car);
    }
    if (!m_options.view.empty()) m_carView->setPreset(m_options.view, false);
}

void App::handleCarGestures() {
    // One finger (or the mouse) dragged across the car orbits it; the wheel zooms.
    if (!m_carView || m_carArea.w <= 0 || m_explaining) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] && m_carArea.contains(io.MouseClickedPos[0].x, io.MouseClickedPos[0].y) &&
        !ImGui::IsAnyItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0))
        m_carView->drag(io.MouseDelta.x, io.MouseDelta.y);
    if (io.MouseWheel != 0 && m_carArea.contains(io.MousePos.x, io.MousePos.y))
        m_carView->zoom(io.MouseWheel > 0 ? 0.9f : 1.1f);
}

void App::openModel(const std::string& modelId) {
    const core::Model* model = m_catalog.findModel(modelId);
    if (!model) return;
    m_session.modelId = modelId;
    m_configurator = std::make_unique<core::rules::CatalogConfigurator>(m_catalog, *model);
    // A visit starts from the entry trim, as the price "from" on the card promised.
    if (!model->trims.empty()) m_configurator->pick(model->trims.front().id);
    m_category = "trim";
    m_optionScroll.reset();
    m_explaining.reset();
    m_repair.reset();
    refreshCar();
    m_session.screen = "configure";
    m_insight->modelViewed(modelId, nowSeconds());
}

void App::refreshCar() {
    m_price.reset();
    m_range.reset();
    auto car = m_configurator ? m_configurator->toConfiguration() : std::nullopt;
    if (!car) return;
    m_session.configuration = *car;
    if (m_carView) {
        m_carView->showModel(car->model);
        m_carView->configure(*car);
    }
    core::pricing::PriceOptions options;
    options.date = m_today;
    options.dealerDiscountMinor = m_dealerDiscountMinor;
    auto price = core::pricing::priceConfiguration(m_catalog, m_content.pricing, *car, options);
    if (price.ok()) m_price = std::move(*price.breakdown);
    else std::fprintf(stderr, "kiosk: cannot price %s: %s\n", car->trim.c_str(), price.errors.front().c_str());
    auto range = core::range::estimate(m_content.range, m_catalog, *car);
    if (range.estimate) m_range = std::move(*range.estimate);
    else std::fprintf(stderr, "kiosk: no range for %s: %s\n", car->trim.c_str(), range.error.c_str());
}

void App::drawAdvisor(const ui::ScreenView& view, ui::Intent& intent) {
    if (m_session.screen == "advisor-pin") {
        const ui::PinPadView pad{std::string(m_pinTyped.size(), '*'), m_advisorLock.lockedForSeconds(m_clock),
                                 m_advisorLock.attemptsLeft(), m_pinWrong};
        ui::PinPadIntent out;
        intent = m_pinPad.draw(view, pad, m_advisorKeys, out);
        for (int i = 0; i < out.backspaces; ++i) m_pinTyped.popBackCodepoint();
        if (m_pinTyped.size() + out.append.size() <= 12) m_pinTyped.append(out.append);
        if (out.submit && !m_pinTyped.empty()) {
            const auto result = m_advisorLock.tryPin(m_pinTyped.str(), m_clock);
            m_pinTyped.wipe();
            m_pinWrong = result == core::session::PinResult::Wrong;
            if (result == core::session::PinResult::Accepted) {
                m_advisorUnlocked = true;
                m_session.screen = "advisor";
            }
        }
        if (intent.back) {
            intent.back = false;
            m_pinTyped.wipe();
            m_session.screen = "models";
        }
        return;
    }
    // The day's test drives: the hub's list once the advisor signed in there, else this kiosk's.
    m_desk->poll();
    // The hub audits every list read: ask it every half minute (and after each step), the local
    // store every few seconds.
    if (m_clock - m_advisorRowsAt > (m_desk->viaHub() ? 30.0 : 5.0)) {
        m_advisorRowsAt = m_clock;
        m_desk->refresh(core::localFromUtcMs(nowSeconds() * 1000, m_content.booking.utcOffsetMinutes).first.toString());
    }
    std::vector<ui::AdvisorBookingRow> rows;
    for (const auto& r : m_desk->rows()) {
        const core::Model* model = m_catalog.findModel(r.model);
        rows.push_back({r.bookingId, r.time, model ? model->name.get(m_session.language) : r.model, r.name, r.status,
                        r.actions});
    }
    std::string deskError;
    if (!m_desk->error().empty()) {
        deskError = m_catalog.ui("desk.error." + m_desk->error(), m_session.language);
        if (deskError == "desk.error." + m_desk->error()) deskError = m_catalog.ui("desk.error.other", m_session.language);
    }
    const ui::AdvisorView av{rows,
                             m_desk->viaHub(),
                             m_desk->signedIn(),
                             m_desk->busy(),
                             m_desk->advisorId(),
                             deskError,
                             m_signInId,
                             m_password.size(),
                             m_bookingFlow ? m_bookingFlow->pending() : 0,
                             m_bookingFlow && m_bookingFlow->config().hasHub(),
                             m_codeTyped,
                             m_advisorMessage,
                             m_configurator != nullptr && m_price.has_value(),
                             m_dealerDiscountMinor,
                             m_content.settings.maxDealerDiscountMinor,
                             m_content.settings.dealerDiscountStepMinor};
    ui::AdvisorIntent out;
    intent = m_advisorScreen.draw(view, av, m_advisorUi, out);
    if (out.field == "code") {
        for (int i = 0; i < out.backspaces && !m_codeTyped.empty(); ++i) m_codeTyped.pop_back();
        if (m_codeTyped.size() + out.append.size() <= 96) m_codeTyped += out.append;
    } else if (out.field == "advisor_id") {
        for (int i = 0; i < out.backspaces && !m_signInId.empty(); ++i) m_signInId.pop_back();
        if (m_signInId.size() + out.append.size() <= 48) m_signInId += out.append;
    } else if (out.field == "password") {
        for (int i = 0; i < out.backspaces; ++i) m_password.popBackCodepoint();
        if (m_password.size() + out.append.size() <= 256) m_password.append(out.append);
    }
    if (out.signIn && !m_signInId.empty() && !m_password.empty()) {
        m_desk->signIn(m_signInId, m_password);  // wipes the password
        m_advisorRowsAt = -1e9;
    }
    if (out.signOut) {
        m_desk->signOut();
        m_signInId.clear();
    }
    if (out.deskStep) m_desk->act(out.deskStep->first, out.deskStep->second);
    if (out.restoreCode) restoreCode(m_codeTyped);
    if (out.discountMinor) {
        m_dealerDiscountMinor = *out.discountMinor;
        refreshCar();
    }
    if (out.saveQuote) saveQuote();
    if (out.lock) {
        lockAdvisor();
        m_advisorMessage.clear();
        m_session.screen = m_configurator ? "configure" : "models";
    }
}

void App::drawSurvey(const ui::ScreenView& view, ui::Intent& intent) {
    const core::Model& model = m_configurator->model();
    const auto days = m_bookingFlow ? m_bookingFlow->surveyDays(m_session.language) : std::vector<BookingFlow::SurveyDay>{};
    std::vector<std::pair<std::string, std::string>> labels;
    for (const auto& d : days) labels.emplace_back(d.date, d.label);
    std::string wallbox = m_fitAnswers.wallbox;
    for (const auto& w : m_content.charging.wallboxes)
        if (w.id == m_fitAnswers.wallbox) wallbox = w.name.get(m_session.language);
    const std::string& lang = m_session.language;
    const ui::SurveyView sv{model, m_content.charging, m_session.survey, m_surveyUi, labels, wallbox, &m_pinyin,
                            [&](const std::string& code) {
                                const std::string own = m_catalog.ui("survey.error." + code, lang);
                                return own != "survey.error." + code ? own : m_content.booking.message(code, lang);
                            }};
    bool submit = false;
    intent = m_surveyScreen.draw(view, sv, submit);
    std::string shown(m_session.survey.name.view());
    shown += m_session.survey.district.view();
    for (const auto& cand : m_surveyUi.keyboard.candidates) shown += cand;
    coverGlyphs(shown);
    std::fill(shown.begin(), shown.end(), '\0');
    if (!submit) return;
    if (!m_bookingFlow) {
        m_surveyUi.errors["preferred_date"] = "unavailable";
        return;
    }
    auto outcome = m_bookingFlow->submitSurvey(model, m_session.configuration.trim, m_session.survey, m_surveyUi, days,
                                               m_fitAnswers, m_visitTestDriveId, lang);
    m_surveyUi.errors = outcome.errors;
    if (outcome.confirmation) {
        m_insight->bookingMade(m_session.configuration, "home_charger_survey", nowSeconds());
        m_confirmation = outcome.confirmation;
        m_surveyUi.wipe();
        m_session.screen = "confirmation";
    }
}

void App::lockAdvisor() {
    // Leaving advisor mode (or its timeout) ends the hub session and forgets what was typed.
    if (m_advisorUnlocked && m_desk) m_desk->signOut();
    m_advisorUnlocked = false;
    m_signInId.clear();
    m_password.wipe();
    m_advisorUi.wipe();
}

void App::restoreCode(const std::string& code) {
    auto restored = core::pricing::restoreConfiguration(m_catalog, code);
    if (!restored.ok) {
        m_advisorMessage = restored.error;
        return;
    }
    openModel(restored.config.model);
    m_configurator->pick(restored.config.trim);
    // Single-choice options first, then packages (which bring their contents), then the rest.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& id : restored.config.options) {
            const core::Option* o = m_configurator->model().findOption(id);
            const core::Category* cat = o ? m_catalog.findCategory(o->category) : nullptr;
            if (!cat || cat->single != (pass == 0)) continue;
            if (auto st = m_configurator->state(id); st && !st->selected) m_configurator->pick(id);
        }
    refreshCar();
    m_advisorMessage = m_catalog.ui("advisor.restored", m_session.language);
    for (const auto& change : restored.changes) m_advisorMessage += "; " + change;
    m_session.screen = "advisor";
}

void App::saveQuote() {
    if (!m_configurator || !m_price) return;
    refreshSummary();
    document::QuoteInput q;
    q.catalog = &m_catalog;
    q.pricing = &m_content.pricing;
    q.config = m_session.configuration;
    q.price = *m_price;
    q.tco = m_tco;
    q.code = m_code;
    q.language = m_session.language;
    const std::string dir = m_bookingFlow ? std::filesystem::path(m_bookingFlow->config().databasePath).parent_path().string()
                                          : std::string(".");
    std::filesystem::create_directories(std::filesystem::path(dir) / "quotes");
    const std::string path = (std::filesystem::path(dir) / "quotes" / ("quote-" + m_code + ".pdf")).string();
    const std::string error = document::writeQuotePdf(q, path);
    if (error.empty()) m_insight->qrTaken(m_session.configuration, nowSeconds());  // the printed quote carries the QR
    m_advisorMessage = error.empty() ? m_catalog.ui("advisor.quote_saved", m_session.language) + path : error;
}

void App::printBench() const {
    auto stats = [](std::vector<double> v) {
        nlohmann::json j;
        if (v.empty()) return j;
        std::sort(v.begin(), v.end());
        j["count"] = v.size();
        j["p50_ms"] = v[v.size() / 2];
        j["p95_ms"] = v[std::min(v.size() - 1, v.size() * 95 / 100)];
        j["max_ms"] = v.back();
        return j;
    };
    nlohmann::json j;
    j["first_interactive_frame_ms"] = m_firstFrameMs;
    if (m_carView) j["first_car_frame_ms"] = m_firstCarFrameMs;  // the hero car drawn (imported off the UI thread)
    j["option_tap_update_ms"] = stats(m_pickMs);
    j["frame_with_option_tap_ms"] = stats(m_pickFrameMs);
    j["renderer"] = m_carView ? "3d" : "flat";
    std::printf("%s\n", j.dump(2).c_str());
}

ui::CompareColumn App::columnForCurrentCar() const {
    ui::CompareColumn col;
    const core::Model& model = m_configurator->model();
    const core::Trim* trim = model.findTrim(m_session.configuration.trim);
    col.title = model.name.get(m_session.language) + " · " + (trim ? trim->name.get(m_session.language) : "");
    for (const auto& id : m_session.configuration.options)
        if (const core::Option* o = model.findOption(id)) col.options.push_back(o->name.get(m_session.language));
    col.onTheRoadMinor = m_price ? m_price->dueAtPurchaseMinor : 0;
    col.monthlyMinor = m_finance.quote ? m_finance.quote->monthlyPaymentMinor : -1;
    if (m_range) {
        col.cltcKm = m_range->cltc.rangeKm;
        col.dcMinutes = m_range->dc10To80Min;
    }
    if (m_winter) col.winterKm = m_winter->customerRangeKm;
    if (m_highway) col.highwayKm = m_highway->customerRangeKm;
    return col;
}

void App::refreshFit() {
    m_fitAnswer.reset();
    m_fitError.clear();
    if (m_fitAnswers.parking.empty()) return;
    core::range::Conditions conditions;
    conditions.dailyKm = m_dailyKm;
    auto r = core::charging::checkHomeCharging(m_fitAnswers, m_content.charging, m_content.range, m_catalog,
                                               m_session.configuration, conditions);
    if (r.answer) m_fitAnswer = std::move(*r.answer);
    else m_fitError = r.error;
}

void App::refreshFinance() {
    m_finance.quote.reset();
    m_finance.error.clear();
    if (!m_price) return;
    // The first offer that runs today; the customer's term is kept when the offer allows it.
    m_finance.offer = nullptr;
    for (const auto& offer : m_content.pricing.offers) {
        if (!offer.period.contains(m_today) || offer.termsMonths.empty()) continue;
        m_finance.offer = &offer;
        break;
    }
    if (!m_finance.offer) return;
    const auto& terms = m_finance.offer->termsMonths;
    if (std::find(terms.begin(), terms.end(), m_finance.termMonths) == terms.end()) m_finance.termMonths = terms.back();
    m_finance.downPercent = std::clamp(m_finance.downPercent, static_cast<int>((m_finance.offer->minDownBp + 99) / 100),
                                       static_cast<int>(m_finance.offer->maxDownBp / 100));
    const std::int64_t cash = m_price->vehiclePriceMinor;
    const std::int64_t down = cash / 100 * m_finance.downPercent;
    auto quote = core::pricing::computeOffer(*m_finance.offer, m_today, cash, down, m_finance.termMonths);
    if (quote.quote) m_finance.quote = *quote.quote;
    else m_finance.error = quote.error;
}

void App::refreshSummary() {
    refreshFinance();
    const core::Configuration& car = m_session.configuration;
    auto scenario = [&](core::range::Conditions c) -> std::optional<core::range::Estimate> {
        auto r = core::range::estimate(m_content.range, m_catalog, car, c);
        return r.estimate;
    };
    core::range::Conditions winter;
    winter.ambientC = -7;
    m_winter = scenario(winter);
    core::range::Conditions highway;
    highway.cityShare = 0;
    highway.highwaySpeedKmh = 120;
    m_highway = scenario(highway);
    core::range::Conditions week;
    week.dailyKm = m_dailyKm;
    m_week = scenario(week);
    m_tco.reset();
    if (m_price) {
        if (auto t = core::pricing::totalCostOfOwnership(m_catalog, m_content.pricing, car, *m_price)) m_tco = *t;
        m_code = core::pricing::encodeConfiguration(m_catalog, car, m_price->vehiclePriceMinor);
        m_session.configurationCode = m_code;
        m_qrSize = 0;
        m_qr.clear();
        if (auto qr = document::encodeQr(m_code)) {
            m_qrSize = qr->size;
            m_qr = qr->dark;
        }
    }
}

void App::drawIdleOverlay(int width, int height, double secondsLeft) {
    const float w = static_cast<float>(width), h = static_cast<float>(height), s = m_uiScale;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, h), 0x99000000);
    const ui::Rect box{w * 0.5f - 420 * s, h * 0.5f - 200 * s, 840 * s, 400 * s};
    draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h), m_palette.card, 32 * s);
    const std::string& lang = m_session.language;
    const std::string seconds = std::to_string(static_cast<int>(std::ceil(secondsLeft)));
    const float innerW = box.w - 112 * s;
    ui::drawTextIn(draw, m_fonts.title, {box.x + 56 * s, box.y + 48 * s, innerW, 0}, m_palette.text,
                   m_catalog.ui("idle.title", lang), &m_audit, "idle.title");
    ui::drawTextIn(draw, m_fonts.body, {box.x + 56 * s, box.y + 150 * s, innerW, 0}, m_palette.textMuted,
                   ui::fillTemplate(m_catalog.ui("idle.body", lang), "n", seconds), &m_audit, "idle.body");
    ImGui::SetCursorScreenPos(ImVec2(box.x + 56 * s, box.y + box.h - 150 * s));
    ImGui::PushFont(m_fonts.large);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(m_palette.accentText));
    ImGui::Button(m_catalog.ui("idle.continue", lang).c_str(), ImVec2(box.w - 112 * s, 110 * s));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    // Any touch on the overlay counts as "still here"; it does not reach the screen beneath.
    m_hits.add("idle:continue", {box.x + 56 * s, box.y + box.h - 150 * s, box.w - 112 * s, 110 * s});
    ImGui::End();
}

void App::drawFrame(int width, int height) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
    ImGui::SetNextWindowBgAlpha(0.0f);  // the background is the GL clear colour, with the 3D car in it
    ImGui::Begin("screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const ui::ScreenView view{m_catalog, m_session.language, m_fonts, m_palette, static_cast<float>(width),
                              static_cast<float>(height), m_uiScale, &m_hits, m_clock, &m_audit, m_access};
    ui::Intent intent;
    const std::string& screen = m_session.screen;
    m_carArea = {};
    const float fw = static_cast<float>(width), fh = static_cast<float>(height);
    if (screen == "viewer") {
        m_carArea = {0, 0, fw, fh};
    } else if (screen == "attract" && m_carView) {
        m_carArea = ui::AttractScreen::heroArea(fw, fh);
    } else if (screen == "configure" && m_carView) {
        m_carArea = ui::ConfiguratorScreen::carArea(fw, fh, m_uiScale, m_access.lowReach);
    }
    if (screen == "viewer") {
        // Nothing but the car.
    } else if (screen == "out-of-order") {
        std::string text;
        for (const auto& lang : m_catalog.market.languages)
            text += (text.empty() ? "" : "  ·  ") + m_catalog.ui("error.out_of_order", lang);
        ImGui::GetWindowDrawList()->AddText(m_fonts.large, m_fonts.large->FontSize,
                                            ImVec2(64 * m_uiScale, static_cast<float>(height) * 0.45f),
                                            m_palette.text, text.c_str());
    } else if (screen == "attract") {
        intent = m_attract.draw(view, m_carView != nullptr);
    } else if (screen == "summary" && m_configurator && m_price) {
        const core::Model& model = m_configurator->model();
        const ui::SummaryView sv{model, m_session.configuration, *m_price, m_finance,
                                 m_range ? &*m_range : nullptr, m_winter ? &*m_winter : nullptr,
                                 m_highway ? &*m_highway : nullptr, m_week ? &*m_week : nullptr, m_dailyKm,
                                 m_tco ? &*m_tco : nullptr, m_code, m_qrSize, &m_qr,
                                 m_keptCar.has_value() && !(*m_keptCar == m_session.configuration)};
        ui::SummaryIntent changes;
        intent = m_summaryScreen.draw(view, sv, changes);
        if (changes.enlargeQr && !m_qrLarge) {
            m_qrLarge = true;
            m_insight->qrTaken(m_session.configuration, nowSeconds());  // shown large to be scanned
        }
        if (m_qrLarge) {
            // Over the summary, taking every touch until it is closed.
            intent = ui::Intent{};
            ImGui::End();
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(fw, fh));
            ImGui::SetNextWindowBgAlpha(0.0f);
            ImGui::Begin("qr", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
            m_hits.clear();
            if (m_summaryScreen.drawLargeQr(view, sv)) m_qrLarge = false;
        }
        if (changes.downPercent || changes.termMonths) {
            if (changes.downPercent) m_finance.downPercent = *changes.downPercent;
            if (changes.termMonths) m_finance.termMonths = *changes.termMonths;
            refreshFinance();  // microseconds: fine on every frame of a drag
        }
        if (changes.dailyKm) {
            m_dailyKm = *changes.dailyKm;
            core::range::Conditions week;
            week.dailyKm = m_dailyKm;
            m_week = core::range::estimate(m_content.range, m_catalog, m_session.configuration, week).estimate;
        }
    } else if (screen == "compare" && m_keptColumn && m_configurator && m_price) {
        intent = m_compareScreen.draw(view, *m_keptColumn, columnForCurrentCar());
    } else if (screen == "fit-check" && m_configurator) {
        bool changed = false;
        const ui::FitCheckView fv{m_content.charging, m_fitAnswers, m_fitAnswer ? &*m_fitAnswer : nullptr, m_fitError};
        intent = m_fitScreen.draw(view, fv, changed);
        if (changed) refreshFit();
    } else if (screen == "survey" && m_configurator) {
        drawSurvey(view, intent);
    } else if (screen == "advisor-pin" || screen == "advisor") {
        drawAdvisor(view, intent);
    } else if (screen == "booking" && m_configurator) {
        if (!m_bookingFlow) {
            ui::drawTextIn(ImGui::GetWindowDrawList(), m_fonts.large, {64 * m_uiScale, fh * 0.4f, fw - 128 * m_uiScale, 0},
                           m_palette.text, m_catalog.ui("booking.unavailable", m_session.language), &m_audit,
                           "booking.unavailable", ui::Align::Center);
            ImGui::SetCursorScreenPos(ImVec2(64 * m_uiScale, 32 * m_uiScale));
            if (ImGui::Button(("‹ " + m_catalog.ui("booking.back", m_session.language)).c_str(),
                              ImVec2(260 * m_uiScale, 96 * m_uiScale)))
                intent.back = true;
            m_hits.add("back", {64 * m_uiScale, 32 * m_uiScale, 260 * m_uiScale, 96 * m_uiScale});
        } else {
            const core::Model& model = m_configurator->model();
            SlotCache& sc = m_slotCache;
            if (sc.model != model.id || sc.day != m_bookingUi.dayOffset || sc.language != m_session.language ||
                m_clock - sc.at > 5.0) {
                sc.model = model.id;
                sc.day = m_bookingUi.dayOffset;
                sc.language = m_session.language;
                sc.at = m_clock;
                sc.slots = m_bookingUi.queueMode ? std::vector<ui::SlotChoice>{}
                                                 : m_bookingFlow->slots(model.id, m_bookingUi.dayOffset);
                sc.dayLabels = m_bookingFlow->dayLabels(m_session.language);
                sc.queueWait = m_bookingUi.queueMode ? m_bookingFlow->queueWaitMinutes(model.id) : 0;
            }
            const ui::BookingView bv{model, m_content.booking, m_session.form, m_bookingUi, sc.slots, sc.dayLabels,
                                     sc.queueWait,
                                     !m_bookingFlow->config().hasHub() || m_bookingFlow->online(), &m_pinyin};
            ui::BookingIntent bi;
            intent = m_bookingScreen.draw(view, bv, bi);
            std::string shown(m_session.form.name.view());
            for (const auto& cand : m_bookingUi.keyboard.candidates) shown += cand;
            coverGlyphs(shown);
            std::fill(shown.begin(), shown.end(), '\0');
            if (bi.submit) {
                auto outcome = m_bookingFlow->submit(model, m_session.configuration.trim, m_session.configurationCode,
                                                     m_session.form, m_bookingUi);
                m_bookingUi.errors = outcome.errors;
                m_slotCache.at = -1e9;  // seats changed
                m_advisorRowsAt = -1e9;
                if (outcome.confirmation) {
                    m_insight->bookingMade(m_session.configuration, "test_drive", nowSeconds());
                    m_visitTestDriveId = outcome.confirmation->bookingId;
                    m_confirmation = outcome.confirmation;
                    m_bookingUi.wipe();
                    m_session.screen = "confirmation";
                }
            }
        }
    } else if (screen == "confirmation" && m_confirmation) {
        intent = m_confirmationScreen.draw(view, *m_confirmation);
        if (intent.start) {
            // "Done": the visit is over; start afresh for the next visitor.
            intent.start = false;
            resetSession();
        }
    } else if (screen == "configure" && m_configurator) {
        const ui::ConfiguratorView cv{*m_configurator, m_category, m_price ? &*m_price : nullptr,
                                      m_range ? &*m_range : nullptr, m_explaining, m_repair ? &*m_repair : nullptr,
                                      m_carView != nullptr, &m_optionScroll};
        intent = m_configuratorScreen.draw(view, cv);
        if (m_explaining) {
            ImGui::End();
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
            ImGui::SetNextWindowBgAlpha(0.0f);
            ImGui::Begin("repair", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                ImGuiWindowFlags_NoSavedSettings);
            const ui::Intent repair = m_configuratorScreen.drawRepair(view, cv);
            intent.applyRepair = repair.applyRepair;
            intent.dismissRepair = repair.dismissRepair;
            intent.pick.reset();
            intent.explain.reset();
        }
    } else {
        m_session.screen = "models";
        intent = m_chooser.draw(view);
    }
    ImGui::End();
    if (m_access.panelOpen) {
        if (auto anchor = m_hits.find("lang")) {
            // A window just the panel's size: touches elsewhere still reach the screen beneath.
            const ui::Rect panel = ui::accessPanelRect(view, *anchor);
            ImGui::SetNextWindowPos(ImVec2(panel.x, panel.y));
            ImGui::SetNextWindowSize(ImVec2(panel.w, panel.h));
            ImGui::SetNextWindowBgAlpha(0.0f);
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
            ImGui::Begin("access", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                ImGuiWindowFlags_NoSavedSettings);
            ImGui::PopStyleVar();
            ui::drawAccessPanel(view, *anchor, intent);
            ImGui::End();
        }
    }
    if (m_carView) {
        if (intent.cameraPreset) m_carView->setPreset(*intent.cameraPreset);
        if (intent.zoom != 0) m_carView->zoom(intent.zoom);
    }
    handleCarGestures();
    applyIntent(intent);
}

void App::writeLayout(int width, int height) const {
    const ui::ChooserLayout l = ui::computeChooserLayout(static_cast<float>(width), static_cast<float>(height),
                                                         static_cast<int>(m_catalog.models.size()));
    auto rect = [](const ui::Rect& r) { return nlohmann::json::array({r.x, r.y, r.w, r.h}); };
    nlohmann::json j;
    j["width"] = width;
    j["height"] = height;
    j["language_switch"] = rect(l.languageSwitch);
    j["header"] = rect(l.header);
    for (const auto& c : l.cards) j["cards"].push_back(rect(c));
    for (const auto& c : l.cardNames) j["card_names"].push_back(rect(c));
    for (const auto& m : m_catalog.models) j["models"].push_back(m.id);
    std::ofstream(m_options.layoutDumpPath) << j.dump(2) << "\n";
}

void App::writeStateDump(const std::string& path) const {
    nlohmann::json j;
    j["screen"] = m_session.screen;
    j["language"] = m_session.language;
    j["model"] = m_session.modelId;
    j["configuration"] = {{"model", m_session.configuration.model},
                          {"trim", m_session.configuration.trim},
                          {"options", m_session.configuration.options}};
    const auto& f = m_session.form;
    j["form"] = {{"name", std::string(f.name.view())},
                 {"mobile", std::string(f.mobile.view())},
                 {"email", std::string(f.email.view())},
                 {"licence_confirmed", f.licenceConfirmed},
                 {"consent_booking", f.consentBooking},
                 {"consent_contact", f.consentContact}};
    j["has_personal_data"] = m_session.hasPersonalData();
    j["advisor_unlocked"] = m_advisorUnlocked;
    j["advisor_message"] = m_advisorMessage;
    j["dealer_discount_minor"] = m_dealerDiscountMinor;
    if (m_fitAnswer) j["fit"] = {{"verdict", core::charging::toString(m_fitAnswer->verdict)},
                                 {"hours_0_100", m_fitAnswer->hours0To100}};
    if (m_configurator) {
        j["picks"] = m_configurator->pickedIds();
        j["complete"] = m_configurator->isComplete();
    }
    if (m_finance.quote) j["finance"] = {{"down_percent", m_finance.downPercent}, {"term_months", m_finance.termMonths},
                                         {"monthly_minor", m_finance.quote->monthlyPaymentMinor}};
    if (m_week) j["week"] = {{"daily_km", m_dailyKm}, {"cost_minor", m_week->costPerWeekMinor}};
    if (!m_code.empty()) j["code"] = m_code;
    if (m_price) {
        j["price"] = {{"vehicle_minor", m_price->vehiclePriceMinor}, {"due_at_purchase_minor", m_price->dueAtPurchaseMinor},
                      {"total_minor", m_price->totalMinor}};
    }
    if (m_range) j["range"] = {{"cltc_km", m_range->cltc.rangeKm}, {"customer_km", m_range->customerRangeKm}};
    if (m_explaining) j["explaining"] = *m_explaining;
    const auto& sf = m_session.survey;
    j["survey_form"] = {{"name", std::string(sf.name.view())},
                        {"mobile", std::string(sf.mobile.view())},
                        {"district", std::string(sf.district.view())},
                        {"consent_survey", sf.consentSurvey},
                        {"consent_contact", sf.consentContact},
                        {"day", m_surveyUi.day},
                        {"period", m_surveyUi.period},
                        {"errors", m_surveyUi.errors}};
    j["booking_ui"] = {{"slot", m_bookingUi.slot}, {"focused", m_bookingUi.focused},
                       {"pinyin", std::string(m_bookingUi.keyboard.pinyin.view())}, {"errors", m_bookingUi.errors}};
    if (m_confirmation)
        j["confirmation"] = {{"confirmed", m_confirmation->confirmed}, {"slot", m_confirmation->slot},
                             {"booking_id", m_confirmation->bookingId}, {"survey", m_confirmation->survey}};
    if (m_bookingFlow) {
        j["stored_bookings"] = m_bookingFlow->bookings().size();
        j["stored_surveys"] = m_bookingFlow->surveys().size();
    }
    j["advisor_scroll"] = {{"offset", m_advisorUi.scroll.offset}, {"velocity", m_advisorUi.scroll.velocity}};
    j["desk"] = nlohmann::json::array();
    if (m_desk)
        for (const auto& r : m_desk->rows()) j["desk"].push_back({{"time", r.time}, {"status", r.status}, {"actions", r.actions}});
    j["desk_error"] = m_desk ? m_desk->error() : "";
    j["insight"] = {{"active", m_insight->active()}, {"visit", m_insight->visitLog()}, {"written", m_insight->written()},
                    {"dropped", m_insight->dropped()}};
    if (m_repair) {
        j["repair"]["possible"] = m_repair->possible;
        j["repair"]["price_delta_minor"] = m_repair->priceDeltaMinor;
        for (const auto& ch : m_repair->changes) j["repair"]["changes"].push_back({{"from", ch.from}, {"to", ch.to}});
    }
    j["access"] = {{"large_text", m_access.largeText}, {"high_contrast", m_access.highContrast}, {"low_reach", m_access.lowReach}};
    j["clock_s"] = m_clock;
    for (const auto& [id, r] : m_hits.entries()) j["targets"][id] = {r.x, r.y, r.w, r.h};
    j["text_checked"] = m_audit.checked();
    j["text_overflows"] = nlohmann::json::array();
    for (const auto& o : m_audit.overflows())
        j["text_overflows"].push_back({{"id", o.id}, {"text", o.text}, {"width_px", o.widthPx}, {"available_px", o.availablePx}});
    j["min_target_mm"] = m_settings.minTouchTargetMm;
    j["pixels_per_mm"] = m_window.pixelsPerMm();
    std::ofstream(path) << j.dump(2) << "\n";
}

int App::run() {
    GLFWwindow* w = m_window.handle();
    int frame = 0;
    const bool scripted = !m_script.empty();
    const bool capture = !m_options.screenshotPath.empty();
    double lastReal = glfwGetTime();
    while (!glfwWindowShouldClose(w)) {
        const auto frameStart = std::chrono::steady_clock::now();
        const size_t picksBefore = m_pickMs.size();
        if (capture || scripted) glfwPollEvents();
        else glfwWaitEventsTimeout(1.0 / 30.0);  // enough for the attract animation; no busy loop
        const double real = glfwGetTime();
        m_lastDt = static_cast<float>(scripted || capture ? kScriptFrameSeconds : real - lastReal);
        m_clock += m_lastDt;
        lastReal = real;
        int width = 0, height = 0;
        m_window.framebufferSize(width, height);
        if (width == 0 || height == 0) continue;  // minimised
        rebuildFonts(std::max(0.5f, static_cast<float>(std::min(width, height)) / 1080.0f));

        m_imgui.beginFrame();
        injectTaps(frame);
        bool scriptDone = false;
        if (scripted && !stepScript(width, height, scriptDone)) return 3;
        if (sawInput()) m_lastInput = m_clock;
        if (m_bookingFlow) m_bookingFlow->drainSync();
        m_insight->tick(m_clock);
        ImGui::NewFrame();
        m_hits.clear();
        m_audit.clear();
        try {
            drawFrame(width, height);
            const auto idle = core::session::idleStatus(m_settings, idleContext(), m_clock - m_lastInput);
            if (idle.phase == core::session::IdlePhase::Countdown) drawIdleOverlay(width, height, idle.secondsLeft);
            if (idle.phase == core::session::IdlePhase::Reset) resetSession(true);
        } catch (const std::exception& e) {
            // Never a dead screen in front of a customer: show "out of order", log why, start over later.
            m_failure = e.what();
            std::fprintf(stderr, "kiosk: error: %s\n", m_failure.c_str());
            resetSession();
            m_session.screen = "out-of-order";
            m_failureAt = m_clock;
        }
        if (m_session.screen == "out-of-order" && m_clock - m_failureAt > kOutOfOrderSeconds) resetSession();
        m_lastHits = m_hits;
        glViewport(0, 0, width, height);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(m_palette.background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        if (m_carView && m_carArea.w > 0) m_carView->frame(m_lastDt, m_carArea, height);
        glViewport(0, 0, width, height);
        m_imgui.endFrame();
        ++frame;
        if (!m_pendingScreenshot.empty()) {
            const std::string error = saveScreenshot(m_pendingScreenshot, width, height);
            if (!error.empty()) std::fprintf(stderr, "kiosk: %s\n", error.c_str());
            m_pendingScreenshot.clear();
        }
        if (m_firstFrameMs < 0)
            m_firstFrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        if (m_firstCarFrameMs < 0 && m_carView && m_carArea.w > 0 && !m_carView->loading())
            m_firstCarFrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
        if (m_pickMs.size() > picksBefore)
            m_pickFrameMs.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
        if (scripted && scriptDone) {
            if (m_options.bench) printBench();
            return 0;
        }
        // A screenshot of the car waits for it to load (a worker imports it), within reason.
        const bool carLoading = m_carView && m_carArea.w > 0 && m_carView->loading() && frame < 3000;
        if (capture && !scripted && frame >= m_options.frames && !carLoading) {
            if (!m_options.layoutDumpPath.empty()) writeLayout(width, height);
            const std::string error = saveScreenshot(m_options.screenshotPath, width, height);
            if (!error.empty()) {
                std::fprintf(stderr, "kiosk: %s\n", error.c_str());
                return 1;
            }
            std::fprintf(stderr, "kiosk: wrote %s (%dx%d)\n", m_options.screenshotPath.c_str(), width, height);
            return 0;
        }
        glfwSwapBuffers(w);
    }
    return 0;
}

}  // namespace kiosk
