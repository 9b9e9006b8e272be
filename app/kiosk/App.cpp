#include "App.h"

#include <GLFW/glfw3.h>
#include <sodium.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <ctime>

#include <unistd.h>

#include "CarScenes.h"
#include "IdleOverlay.h"
#include "KioskData.h"
#include "Screenshot.h"
#include "StateDump.h"
#include "VisitActions.h"
#include "ui/Layout.h"
#include "ui/TopBar.h"
#include "ui/Widgets.h"

namespace kiosk {
namespace {

// A scripted run advances the clock by one 60 Hz frame per frame, so it replays identically.
constexpr double kScriptFrameSeconds = 1.0 / 60.0;
// After a failure the "out of order" screen stays this long, then a fresh session starts.
constexpr double kOutOfOrderSeconds = 10.0;

std::vector<ScriptStep> scriptOf(const KioskOptions& options) {
    if (!options.scriptPath.empty()) {
        ScriptParse script = parseScript(options.scriptPath);
        if (!script.error.empty()) throw std::runtime_error("script: " + script.error);
        return std::move(script.steps);
    }
    return options.bench ? ScriptRunner::benchVisit() : std::vector<ScriptStep>{};
}

}  // namespace

std::int64_t KioskContext::nowSeconds() const { return static_cast<std::int64_t>(std::time(nullptr)); }

App::App(KioskOptions options, KioskContent content, std::chrono::steady_clock::time_point started,
         ContentRuntime contentRuntime)
    : m_options(std::move(options)),
      m_content(std::move(content)),
      m_window(!m_options.windowed, m_options.width, m_options.height, "Showroom kiosk"),
      m_imgui(m_window.handle()),
      m_advisorLock(m_content.settings, [this](const std::string& pin) {
          // Argon2id, as stored in content; an empty hash never matches.
          const std::string& hash = m_content.settings.advisorPinHash;
          return !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
      }),
      m_script(scriptOf(m_options), m_options.taps),
      m_watchdog(WatchdogEnvironment::fromProcess(), ::getpid()),
      m_contentRuntime(std::move(contentRuntime)) {
    // Prices, promotions and incentives are read for the market's calendar day, not the machine's.
    m_today = core::pricing::Date::at(m_catalog.market.timeZone, static_cast<std::int64_t>(std::time(nullptr)));
    if (!m_options.date.empty()) {
        auto d = core::pricing::Date::parse(m_options.date);
        if (!d) throw std::runtime_error("--date \"" + m_options.date + "\": expected YYYY-MM-DD");
        m_today = *d;
    }
    if (!m_options.language.empty()) {
        const auto& langs = m_catalog.market.languages;
        if (std::find(langs.begin(), langs.end(), m_options.language) == langs.end())
            throw std::runtime_error("--lang \"" + m_options.language + "\" is not a language of this market's content");
    }
    m_bench.started = started == std::chrono::steady_clock::time_point{} ? std::chrono::steady_clock::now() : started;
    std::optional<store::KioskConfig> kioskConfig;
    std::string storeProblem;
    try {
        kioskConfig = resolveKioskData(m_options.dataDir);
        m_bookingFlow = std::make_unique<BookingFlow>(m_content, *kioskConfig);
    } catch (const std::exception& e) {
        // Browsing, prices and range still work; booking asks the visitor to see an advisor, the
        // advisor screen says why, and a worker keeps telling the hub's fleet list.
        storeProblem = e.what();
        std::fprintf(stderr, "kiosk: bookings unavailable: %s\n", e.what());
        if (kioskConfig && kioskConfig->hasHub()) {
            m_storeReporter = std::make_unique<kiosksync::SyncWorker>(syncWorkerOptions(m_content, *kioskConfig));
            m_storeReporter->start();
        }
    }
    m_desk = std::make_unique<AdvisorDesk>(m_bookingFlow.get(), m_content, kioskConfig ? &*kioskConfig : nullptr, storeProblem);
    m_insight = std::make_unique<SessionInsight>(
        m_catalog, m_bookingFlow ? m_bookingFlow->config().kioskId : std::string("kiosk"), m_content.analytics.screens,
        [this](const std::vector<core::analytics::Event>& events) {
            if (m_bookingFlow) m_bookingFlow->recordInsight(events);
        });
    if (!m_options.no3d) m_carView = startCarView(m_catalog);
    m_context.reset(new KioskContext{m_content, m_catalog, m_today, m_carView.get(), m_bookingFlow.get(), *m_insight,
                                     *m_desk, m_advisorLock, m_pinyin, m_clock, m_bench.pickMs,
                                     [this](const std::string& text) { coverGlyphs(text); },
                                     [this] { m_visitOver = true; }});
    m_context->contentNotice = m_contentRuntime.notice;
    for (int id = 0; id <= static_cast<int>(ScreenId::OutOfOrder); ++id)
        m_controllers.push_back(makeController(static_cast<ScreenId>(id), *m_context));
    m_visit = std::make_unique<Visit>(m_catalog.defaultLanguage(), m_options.eventMode);
    if (!m_options.auditPath.empty()) m_tour = std::make_unique<AuditTour>(*m_context, m_options.auditPath, m_options.auditLayouts, m_options.auditModes,
                                                                           m_options.auditStates, m_options.auditShotsDir);
    // Screenshots of a single screen start where a customer would be after touching "start".
    if (!m_options.screenshotPath.empty() && m_options.scriptPath.empty()) m_visit->screen = ScreenId::Models;
    if (!m_options.language.empty()) m_visit->session.language = m_options.language;
    if (!m_options.startScreen.empty()) m_visit->screen = screenFromName(m_options.startScreen).value_or(ScreenId::Attract);
    if (setupViewer(m_carView.get(), m_catalog, m_options)) m_visit->screen = ScreenId::Viewer;
    if (m_visit->screen == ScreenId::Attract) showAttractCar(m_carView.get(), m_catalog);
    // Symbols the screens draw besides the content text (arrows, keyboard keys, markers).
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
        if (!m_visit->codepoints.insert(cp).second) continue;
        ui::appendUtf8(m_visit->glyphs, static_cast<char32_t>(cp));
        added = true;
    }
    if (added) m_themeDirty = true;
}

void App::rebuildFonts(float uiScale) {
    m_uiScale = uiScale;
    const float scale = uiScale * (m_visit->access.largeText ? 1.25f : 1.0f);
    if (scale == m_fontScale && !m_themeDirty) return;
    // The atlas (every CJK glyph the content uses, four sizes) takes most of a frame to build: only
    // a new size or new glyphs need one; new colours only need the theme.
    if (scale != m_fontScale || m_visit->glyphs != m_fontGlyphs) {
        const bool firstBuild = m_fontScale == 0;
        const std::string path = m_options.fontPath.empty() ? ui::defaultCjkFontPath() : m_options.fontPath;
        m_fonts = ui::FontSet::build(path, m_options.fontPath.empty() ? ui::kNotoSansCjkScIndex : 0,
                                     m_displayText + m_visit->glyphs, scale, &m_fontFile);
        if (!m_fonts.warning.empty() && firstBuild) std::fprintf(stderr, "kiosk: warning: %s\n", m_fonts.warning.c_str());
        const auto missing = m_fonts.missingGlyphs(m_displayText);
        if (!missing.empty() && firstBuild)
            std::fprintf(stderr, "kiosk: warning: %zu characters have no glyph in the font, e.g. U+%04X\n", missing.size(),
                         missing.front());
        if (!firstBuild) m_imgui.reloadFonts();  // the first atlas is uploaded by the backend itself
        m_fontScale = scale;
        m_fontGlyphs = m_visit->glyphs;
    }
    ui::applyTheme(uiScale, m_visit->palette);
    m_themeDirty = false;
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
    const IdleContext context = idleContextOf(m_visit->screen);
    // An open "why not" panel counts as browsing, even in advisor mode.
    return context == IdleContext::Advisor && m_visit->car.explaining ? IdleContext::Browsing : context;
}

void App::resetVisit(bool timedOut) {
    Visit& old = *m_visit;
    m_insight->ended(analyticsScreen(old.screen), old.car.configurator ? &old.session.configuration : nullptr,
                     m_context->nowSeconds(), timedOut);
    if (old.advisor.unlocked) m_desk->signOut();  // leaving advisor mode ends the hub session
    // The atlas forgets the characters typed, and the theme goes back to the default.
    if (!old.glyphs.empty() || old.access.highContrast || old.access.largeText) m_themeDirty = true;
    m_visit.reset();
    // The next visit prices on the market's day of now: past midnight the kiosk moves to the new
    // day between visits, never during one (a --date given stays).
    if (m_options.date.empty()) m_today = core::pricing::Date::at(m_catalog.market.timeZone, m_context->nowSeconds());
    m_visit = std::make_unique<Visit>(m_catalog.defaultLanguage(), m_options.eventMode);
    showAttractCar(m_carView.get(), m_catalog);
    m_lastInput = m_clock;
    if (contentWaiting()) m_switchContent = true;
}

bool App::contentWaiting() const {
    // Scripted, screenshot and audit runs replay fixed content.
    if (!m_contentRuntime.shelf || m_script.scripted() || m_tour || !m_options.screenshotPath.empty()) return false;
    return m_contentRuntime.shelf->version(contentpack::Slot::Next).has_value();
}

ui::ScreenView App::screenView(int width, int height) {
    return ui::ScreenView{m_catalog,  m_visit->session.language, m_fonts,  m_visit->palette,
                          static_cast<float>(width), static_cast<float>(height), m_uiScale, &m_hits,
                          m_clock,    &m_audit,                  m_visit->access};
}

void App::drawScreen(int width, int height) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
    ImGui::SetNextWindowBgAlpha(0.0f);  // the background is the GL clear colour, with the 3D car in it
    ImGui::Begin("screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const ui::ScreenView view = screenView(width, height);
    Visit& visit = *m_visit;
    ScreenController* drawn = &controller(visit.screen);
    m_carArea = drawn->carArea(visit, view.width, view.height, m_uiScale);
    if (!drawn->canShow(visit)) {
        visit.screen = ScreenId::Models;
        drawn = &controller(ScreenId::Models);
    }
    ui::Intent intent = drawn->draw(visit, view);
    ImGui::End();
    if (m_visitOver) {
        // "Done": nothing of this visit may act any more.
        m_visitOver = false;
        resetVisit();
        return;
    }
    if (visit.access.panelOpen) {
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
    applyIntent(*drawn, intent);
}

void App::applyIntent(ScreenController& drawn, const ui::Intent& intent) {
    Visit& visit = *m_visit;
    if (intent.switchLanguage) {
        const auto& langs = m_catalog.market.languages;
        auto it = std::find(langs.begin(), langs.end(), visit.session.language);
        visit.session.language = (it == langs.end() || std::next(it) == langs.end()) ? langs.front() : *std::next(it);
    }
    const ScreenId before = visit.screen;
    drawn.apply(visit, intent);  // the screen's own intents: back, picks, forms, navigation
    // The Aa panel belongs to the screen it was opened on: left open, it would take the next
    // screen's taps (the configurator's tabs lie under it).
    if (visit.screen != before) visit.access.panelOpen = false;
    // The top bar's, on every screen.
    if (intent.openAdvisor) {
        visit.advisor.pinTyped.wipe();
        visit.advisor.pinWrong = false;
        visit.screen = visit.advisor.unlocked ? ScreenId::Advisor : ScreenId::AdvisorPin;
    }
    ui::Accessibility& access = visit.access;
    if (intent.toggleAccessPanel) access.panelOpen = !access.panelOpen;
    if (intent.toggleLargeText) access.largeText = !access.largeText;
    if (intent.toggleLowReach) access.lowReach = !access.lowReach;
    if (intent.toggleHighContrast) {
        access.highContrast = !access.highContrast;
        visit.palette = access.highContrast ? ui::highContrastPalette() : ui::Palette{};
        access.panelOpen = false;
        m_themeDirty = true;  // re-apply the theme with the new colours
    }
}

void App::handleCarGestures() {
    // One finger (or the mouse) dragged across the car orbits it; the wheel zooms.
    if (!m_carView || m_carArea.w <= 0 || m_visit->car.explaining) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] && m_carArea.contains(io.MouseClickedPos[0].x, io.MouseClickedPos[0].y) &&
        !ImGui::IsAnyItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0))
        m_carView->drag(io.MouseDelta.x, io.MouseDelta.y);
    if (io.MouseWheel != 0 && m_carArea.contains(io.MousePos.x, io.MousePos.y))
        m_carView->zoom(io.MouseWheel > 0 ? 0.9f : 1.1f);
}

bool App::feedInput(int frame, bool& scriptDone) {
    ScriptRunner::Host host{m_clock, m_lastHits, screenName(m_visit->screen), [this](const std::string& path) {
                                writeStateDump(path, {*m_visit, *m_context, m_hits, m_audit, m_clock, m_window.pixelsPerMm()});
                            },
                            [this](const std::string& code, long long discountMinor) {
                                return showCodeOnSummary(*m_context, *m_visit, code, discountMinor);
                            }};
    const bool ok = m_script.feed(frame, host);
    scriptDone = m_script.finished();
    if (sawInput()) m_lastInput = m_clock;
    return ok;
}

void App::updateUi(int width, int height) {
    m_hits.clear();
    m_audit.clear();
    try {
        drawScreen(width, height);
        // Text no content foresaw (a visitor's name from the store or the hub) gets its glyphs in
        // the atlas before the next frame, whichever screen drew it.
        if (!m_audit.missingGlyphs().empty()) {
            std::string missing;
            for (unsigned cp : m_audit.missingGlyphs()) ui::appendUtf8(missing, static_cast<char32_t>(cp));
            coverGlyphs(missing);
        }
        const auto idle = core::session::idleStatus(m_settings, idleContext(), m_clock - m_lastInput);
        if (idle.phase == core::session::IdlePhase::Countdown) drawIdleOverlay(screenView(width, height), idle.secondsLeft);
        if (idle.phase == core::session::IdlePhase::Reset) resetVisit(true);
    } catch (const std::exception& e) {
        // Never a dead screen in front of a customer: show "out of order", log why, start over later.
        std::fprintf(stderr, "kiosk: error: %s\n", e.what());
        resetVisit();
        m_visit->screen = ScreenId::OutOfOrder;
        m_failureAt = m_clock;
    }
    if (m_visit->screen == ScreenId::OutOfOrder && m_clock - m_failureAt > kOutOfOrderSeconds) resetVisit();
    m_lastHits = m_hits;
}

void App::renderFrame(int width, int height) {
    glViewport(0, 0, width, height);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(m_visit->palette.background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (m_carView && m_carArea.w > 0) m_carView->frame(m_lastDt, m_carArea, height);
    glViewport(0, 0, width, height);
    m_imgui.endFrame();
}

int App::afterFrame(int frame, int width, int height, bool scriptDone, const FrameStart& start) {
    if (const std::string shot = m_script.takeScreenshot(); !shot.empty()) {
        const std::string error = saveScreenshot(shot, width, height);
        if (!error.empty()) std::fprintf(stderr, "kiosk: %s\n", error.c_str());
    }
    if (m_bench.firstFrameMs < 0) m_bench.firstFrameMs = m_bench.msSinceStart();
    if (m_bench.firstCarFrameMs < 0 && m_carView && m_carArea.w > 0 && !m_carView->loading())
        m_bench.firstCarFrameMs = m_bench.msSinceStart();
    if (m_bench.pickMs.size() > start.picks)
        m_bench.pickFrameMs.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start.time).count());
    if (m_tour) return auditAfterFrame(width, height);
    if (m_script.scripted() && scriptDone) {
        if (m_options.bench) m_bench.print(m_carView != nullptr);
        return 0;
    }
    // A screenshot of the car waits for it to load (a worker imports it), within reason.
    const bool carLoading = m_carView && m_carArea.w > 0 && m_carView->loading() && frame < 3000;
    if (!m_options.screenshotPath.empty() && !m_script.scripted() && frame >= m_options.frames && !carLoading) {
        if (!m_options.layoutDumpPath.empty()) writeChooserLayout(m_options.layoutDumpPath, m_catalog, width, height);
        const std::string error = saveScreenshot(m_options.screenshotPath, width, height);
        if (!error.empty()) {
            std::fprintf(stderr, "kiosk: %s\n", error.c_str());
            return 1;
        }
        std::fprintf(stderr, "kiosk: wrote %s (%dx%d)\n", m_options.screenshotPath.c_str(), width, height);
        return 0;
    }
    return -1;
}

void App::auditBeforeFrame(int width, int height) {
    if (m_tour->done()) return;
    if (m_auditStaged) return;  // the staged case is drawn again: its fonts were not settled
    const AuditLayout& layout = m_tour->current().layout;
    if (width != layout.width || height != layout.height) {
        m_window.resize(layout.width, layout.height);
        return;
    }
    resetVisit();
    m_tour->stage(*m_context, *m_visit);
    m_themeDirty = true;  // this frame's fonts and theme follow the case (built before it is drawn)
    m_auditStaged = true;
}

int App::auditAfterFrame(int width, int height) {
    if (m_tour->done()) return m_tour->finish();
    if (!m_auditStaged) return -1;
    // Text the atlas lacked (a typed name) was drawn as '?' and measured so: the atlas gets it
    // before the next frame, which draws the case again and is the one audited.
    if (m_themeDirty) return -1;
    const Visit& v = *m_visit;
    const bool summary = v.screen == ScreenId::Summary && v.car.price;
    ui::AuditFrame frame{static_cast<float>(width), static_cast<float>(height), m_tour->current().layout.pixelsPerMm,
                         static_cast<float>(m_settings.minTouchTargetMm), &m_hits, &m_audit,
                         summary ? &v.summary.shown : nullptr, summary ? v.car.price->lines.size() : 0,
                         v.screen != ScreenId::Advisor && v.screen != ScreenId::AdvisorPin};
    // Low reach is the customer's choice; staff screens keep their own layout.
    if (frame.customerScreen && v.access.lowReach) frame.reachTopPx = ui::reachTop(static_cast<float>(height), true);
    m_tour->record(frame, width, height);
    m_auditStaged = false;
    return m_tour->done() ? m_tour->finish() : -1;
}

int App::run() {
    GLFWwindow* w = m_window.handle();
    int frame = 0;
    const bool fixedStep = m_script.scripted() || !m_options.screenshotPath.empty() || m_tour;
    double lastReal = glfwGetTime();
    while (!glfwWindowShouldClose(w)) {
        // 1. Time and input.
        const FrameStart start{std::chrono::steady_clock::now(), m_bench.pickMs.size()};
        if (fixedStep) glfwPollEvents();
        else glfwWaitEventsTimeout(1.0 / 30.0);  // enough for the attract animation; no busy loop
        const double real = glfwGetTime();
        m_lastDt = static_cast<float>(fixedStep ? kScriptFrameSeconds : real - lastReal);
        m_clock += m_lastDt;
        lastReal = real;
        int width = 0, height = 0;
        m_window.framebufferSize(width, height);
        if (width == 0 || height == 0) continue;  // minimised
        // 2. Fonts and theme, when the scale, the text size or the visit's glyphs changed (an
        //    audit stages its next case first, so that they follow it in this frame).
        if (m_tour) auditBeforeFrame(width, height);
        rebuildFonts(std::max(0.5f, static_cast<float>(std::min(width, height)) / 1080.0f));
        // 3. Synthetic input, then what the background threads finished.
        m_imgui.beginFrame();
        bool scriptDone = false;
        if (!feedInput(frame, scriptDone)) return 3;
        if (m_bookingFlow) m_bookingFlow->drainSync();
        m_insight->tick(m_clock);
        // 4. The screen: draw from the visit, act on what was tapped; the idle timer.
        ImGui::NewFrame();
        updateUi(width, height);
        if (m_visit->screen == ScreenId::Attract && m_clock - m_lastInput > 1 && m_clock - m_shelfCheckedAt > 2) {
            m_shelfCheckedAt = m_clock;
            m_switchContent = m_switchContent || contentWaiting();
        }
        // 5. Pixels: the clear colour, the 3D car, the ImGui draw lists.
        renderFrame(width, height);
        ++frame;
        // 6. Screenshots, figures, and whether the run is over.
        if (const int exitCode = afterFrame(frame, width, height, scriptDone, start); exitCode >= 0) return exitCode;
        // 7. Show it, then tell the service manager the frame loop is alive (READY once, after the
        //    first frame; a hung loop stops the keep-alives and systemd restarts the kiosk).
        glfwSwapBuffers(w);
        m_watchdog.ready();
        m_watchdog.alive(std::chrono::steady_clock::now());
        // 8. A new content version waits and no visit is on: main starts again on it.
        if (m_switchContent && m_visit->screen == ScreenId::Attract) return kSwitchContent;
    }
    return 0;
}

}  // namespace kiosk
