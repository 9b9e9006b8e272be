#include "core/analytics/ReportOutput.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/Markup.h"

namespace core::analytics {
namespace {

using Json = nlohmann::json;

Json shown(std::int64_t count, int min) {
    auto c = shownCount(count, min);
    return c ? Json(*c) : Json(nullptr);
}

std::string shownText(std::int64_t count, int min) {
    auto c = shownCount(count, min);
    return c ? std::to_string(*c) : "<" + std::to_string(min);
}

// Booking rate in tenths of a percent, or nullopt when the bookings cell is suppressed (the rate
// would give it away) or there are no sessions.
std::optional<std::int64_t> rateTenths(std::int64_t bookings, std::int64_t sessions, int min) {
    if (sessions <= 0 || !shownCount(bookings, min) || !shownCount(sessions, min)) return std::nullopt;
    return (bookings * 1000 + sessions / 2) / sessions;
}

std::string tenthsText(std::int64_t tenths) { return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10); }

// List rows are shown only when their own count is at least the minimum.
template <class Row, class Count>
std::vector<const Row*> visibleRows(const std::vector<Row>& rows, int min, size_t limit, Count count, std::int64_t& hidden) {
    std::vector<const Row*> out;
    hidden = 0;
    for (const auto& r : rows) {
        if (count(r) < min) ++hidden;
        else if (out.size() < limit) out.push_back(&r);
    }
    return out;
}

std::int64_t buildSessions(const BuildRow& r) { return r.sessions; }
std::int64_t answerSessions(const GuideAnswerRow& r) { return r.sessions; }
std::int64_t takenSessions(const TakenRow& r) { return r.sessions; }
constexpr std::array<const char*, 3> kPlaces = {"first", "second", "third"};
std::int64_t greyedSessions(const GreyedRow& r) { return r.sessions; }

Json funnelJson(const Funnel& f, int min) {
    Json j = Json::object();
    for (size_t s = 0; s < kStageCount; ++s) j[kStageNames[s]] = shown(f[s], min);
    return j;
}

Json buildJson(const BuildRow& r, int min, bool withStock) {
    Json j = {{"model", r.build.model}, {"trim", r.build.trim}, {"battery", r.build.battery}, {"paint", r.build.paint},
              {"wheels", r.build.wheels}, {"sessions", shown(r.sessions, min)}, {"bookings", shown(r.bookings, min)}};
    const auto rate = rateTenths(r.bookings, r.sessions, min);
    j["booking_rate_percent"] = rate ? Json(static_cast<double>(*rate) / 10.0) : Json(nullptr);
    if (withStock) j["in_stock"] = r.inStock;
    return j;
}

Json takenJson(const TakenRow& r, int min, bool withStock) {
    Json j = {{"model", r.build.model}, {"trim", r.build.trim}, {"battery", r.build.battery}, {"paint", r.build.paint},
              {"wheels", r.build.wheels}, {"sessions", shown(r.sessions, min)}, {"bookings", shown(r.bookings, min)}};
    for (size_t p = 0; p < kPlaces.size(); ++p) j[kPlaces[p]] = shown(r.byPlace[p], min);
    if (withStock) j["in_stock"] = r.inStock;
    return j;
}

// The buying guide's demand: answers given and recommended builds opened, against stock.
Json guideJson(const GuideReport& g, int min, bool haveStock) {
    std::int64_t hidden = 0;
    Json answers = Json::array(), taken = Json::array();
    for (const GuideAnswerRow* a : visibleRows(g.answers, min, g.answers.size(), answerSessions, hidden))
        answers.push_back({{"question", a->question}, {"answer", a->answer}, {"sessions", shown(a->sessions, min)}});
    Json j = {{"sessions", shown(g.sessions, min)}, {"took_recommendation", shown(g.tookRecommendation, min)},
              {"answers", {{"rows", answers}, {"rows_suppressed", hidden}}}};
    for (const TakenRow* t : visibleRows(g.taken, min, g.taken.size(), takenSessions, hidden))
        taken.push_back(takenJson(*t, min, haveStock));
    j["recommendations_taken"] = {{"rows", taken}, {"rows_suppressed", hidden}};
    j["taken_not_in_stock"] = nullptr;
    if (haveStock) {
        Json missing = Json::array();
        for (const TakenRow* t : visibleRows(g.takenNotInStock, min, g.takenNotInStock.size(), takenSessions, hidden))
            missing.push_back(takenJson(*t, min, false));
        j["taken_not_in_stock"] = {{"rows", missing}, {"rows_suppressed", hidden}};
    }
    return j;
}

std::string csvCell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string html(const std::string& s) { return escapeMarkup(s); }

struct Bar {
    std::string label;
    std::int64_t value = 0;
    bool suppressed = false;
};

// A horizontal bar chart as inline SVG: label, bar scaled to the largest value, value text.
std::string barChart(const std::vector<Bar>& bars, int min, const char* colour) {
    const int labelW = 330, barW = 520, rowH = 26, width = labelW + barW + 90;
    std::int64_t maxValue = 1;
    for (const auto& b : bars)
        if (!b.suppressed) maxValue = std::max(maxValue, b.value);
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(static_cast<int>(bars.size()) * rowH + 8) + "\" role=\"img\">";
    int y = 4;
    for (const auto& b : bars) {
        const int w = b.suppressed ? 0 : static_cast<int>(b.value * barW / maxValue);
        std::string label = b.label.size() > 60 ? b.label.substr(0, 57) + "..." : b.label;
        // Never cut a UTF-8 sequence: back up to a lead byte.
        if (b.label.size() > 60) {
            size_t cut = 57;
            while (cut > 0 && (static_cast<unsigned char>(b.label[cut]) & 0xc0) == 0x80) --cut;
            label = b.label.substr(0, cut) + "...";
        }
        s += "<text x=\"" + std::to_string(labelW - 8) + "\" y=\"" + std::to_string(y + 17) +
             "\" text-anchor=\"end\" class=\"label\">" + html(label) + "</text>";
        s += "<rect x=\"" + std::to_string(labelW) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + std::to_string(std::max(w, 1)) +
             "\" height=\"" + std::to_string(rowH - 8) + "\" fill=\"" + colour + "\"/>";
        s += "<text x=\"" + std::to_string(labelW + w + 6) + "\" y=\"" + std::to_string(y + 17) + "\" class=\"value\">" +
             html(b.suppressed ? "<" + std::to_string(min) : std::to_string(b.value)) + "</text>";
        y += rowH;
    }
    return s + "</svg>";
}

// Sessions started and bookings per day as columns.
std::string dayChart(const Report& r) {
    const int colW = 34, chartH = 200, left = 50, width = left + std::max<int>(1, static_cast<int>(r.byDay.size())) * colW + 20;
    std::int64_t maxValue = 1;
    for (const auto& [day, f] : r.byDay) maxValue = std::max(maxValue, f[0]);
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(chartH + 60) + "\" role=\"img\">";
    s += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(chartH + 10) + "\" x2=\"" + std::to_string(width - 10) +
         "\" y2=\"" + std::to_string(chartH + 10) + "\" stroke=\"#555\"/>";
    int x = left;
    for (const auto& [day, f] : r.byDay) {
        const bool hideStarted = !shownCount(f[0], r.minCellCount), hideBooked = !shownCount(f[5], r.minCellCount);
        const int h = hideStarted ? 0 : static_cast<int>(f[0] * chartH / maxValue);
        const int hb = hideBooked ? 0 : static_cast<int>(f[5] * chartH / maxValue);
        s += "<rect x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(chartH + 10 - h) + "\" width=\"" +
             std::to_string(colW - 8) + "\" height=\"" + std::to_string(h) + "\" fill=\"#4a90d9\"/>";
        s += "<rect x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(chartH + 10 - hb) + "\" width=\"" +
             std::to_string(colW - 8) + "\" height=\"" + std::to_string(hb) + "\" fill=\"#2e9e5b\"/>";
        s += "<text x=\"" + std::to_string(x + colW / 2) + "\" y=\"" + std::to_string(chartH + 26) +
             "\" text-anchor=\"middle\" class=\"small\">" + html(day.substr(5)) + "</text>";
        x += colW;
    }
    return s + "</svg>";
}

const Text& label(const std::string& key) {
    static const Text kMissing;
    auto it = reportLabels().find(key);
    return it == reportLabels().end() ? kMissing : it->second;
}

class Names {
public:
    Names(const Catalog* catalog, std::string language) : m_catalog(catalog), m_language(std::move(language)) {}
    std::string model(const std::string& id) const {
        if (const Model* m = m_catalog ? m_catalog->findModel(id) : nullptr) return m->name.get(m_language);
        return id;
    }
    std::string item(const std::string& modelId, const std::string& id) const {
        const Model* m = m_catalog ? m_catalog->findModel(modelId) : nullptr;
        if (!m) return id;
        if (const Trim* t = m->findTrim(id)) return t->name.get(m_language);
        if (const Option* o = m->findOption(id)) return o->name.get(m_language);
        return id;
    }
    std::string build(const Build& b) const {
        return model(b.model) + " · " + item(b.model, b.trim) + " · " + item(b.model, b.battery) + " · " + item(b.model, b.paint) +
               " · " + item(b.model, b.wheels);
    }

private:
    const Catalog* m_catalog;
    std::string m_language;
};

}  // namespace

const std::map<std::string, Text>& reportLabels() {
    static const std::map<std::string, Text> kLabels = {
        {"title", Text({{"zh-CN", "客户需求洞察"}, {"en", "Demand insight"}})},
        {"period", Text({{"zh-CN", "统计期间"}, {"en", "Period"}})},
        {"events", Text({{"zh-CN", "事件数"}, {"en", "Events"}})},
        {"sessions", Text({{"zh-CN", "会话数"}, {"en", "Sessions"}})},
        {"bad_lines", Text({{"zh-CN", "无效行"}, {"en", "Rejected lines"}})},
        {"funnel", Text({{"zh-CN", "转化漏斗"}, {"en", "Conversion funnel"}})},
        {"by_kiosk", Text({{"zh-CN", "按展台终端"}, {"en", "Funnel per kiosk"}})},
        {"by_day", Text({{"zh-CN", "按日期"}, {"en", "Funnel per day"}})},
        {"by_day_note", Text({{"zh-CN", "蓝色：开始的会话；绿色：预约"}, {"en", "Blue: sessions started; green: bookings"}})},
        {"kiosk", Text({{"zh-CN", "终端"}, {"en", "Kiosk"}})},
        {"day", Text({{"zh-CN", "日期"}, {"en", "Day"}})},
        {"stage", Text({{"zh-CN", "阶段"}, {"en", "Stage"}})},
        {"started", Text({{"zh-CN", "开始浏览"}, {"en", "Started"}})},
        {"model_viewed", Text({{"zh-CN", "查看车型"}, {"en", "Viewed a model"}})},
        {"option_picked", Text({{"zh-CN", "选择配置"}, {"en", "Picked options"}})},
        {"quote_shown", Text({{"zh-CN", "查看报价"}, {"en", "Saw a quote"}})},
        {"qr_taken", Text({{"zh-CN", "扫码带走"}, {"en", "Took the QR code"}})},
        {"booking_made", Text({{"zh-CN", "完成预约"}, {"en", "Booked"}})},
        {"share_pages_opened", Text({{"zh-CN", "手机打开报价链接（次）"}, {"en", "Quote links opened on a phone (pages)"}})},
        {"builds", Text({{"zh-CN", "最常配置的车型组合"}, {"en", "Most configured builds"}})},
        {"build", Text({{"zh-CN", "配置"}, {"en", "Build"}})},
        {"bookings", Text({{"zh-CN", "预约数"}, {"en", "Bookings"}})},
        {"rate", Text({{"zh-CN", "预约率 %"}, {"en", "Booking rate %"}})},
        {"in_stock", Text({{"zh-CN", "库存"}, {"en", "In stock"}})},
        {"greyed", Text({{"zh-CN", "不可选时被点击的选项"}, {"en", "Options tapped while greyed out"}})},
        {"option", Text({{"zh-CN", "选项"}, {"en", "Option"}})},
        {"taps", Text({{"zh-CN", "点击次数"}, {"en", "Taps"}})},
        {"abandoned", Text({{"zh-CN", "离开时所在页面"}, {"en", "Screen where sessions ended without booking"}})},
        {"screen", Text({{"zh-CN", "页面"}, {"en", "Screen"}})},
        {"wanted", Text({{"zh-CN", "有需求但无库存的配置"}, {"en", "Wanted builds not in stock"}})},
        {"no_stock", Text({{"zh-CN", "未提供库存清单"}, {"en", "No stock list was given"}})},
        {"hidden_rows", Text({{"zh-CN", "因人数过少而隐藏的行"}, {"en", "Rows hidden because too few sessions"}})},
        {"guide", Text({{"zh-CN", "选车向导：客户需求与库存"}, {"en", "Buying guide: what customers need against stock"}})},
        {"guide_sessions", Text({{"zh-CN", "使用向导的会话"}, {"en", "Sessions that answered the guide"}})},
        {"guide_took", Text({{"zh-CN", "打开推荐车型的会话"}, {"en", "Sessions that opened a recommended car"}})},
        {"guide_answers", Text({{"zh-CN", "客户的回答"}, {"en", "What customers answered"}})},
        {"question", Text({{"zh-CN", "问题"}, {"en", "Question"}})},
        {"answer", Text({{"zh-CN", "回答"}, {"en", "Answer"}})},
        {"guide_taken", Text({{"zh-CN", "被打开的推荐配置"}, {"en", "Recommended builds opened"}})},
        {"guide_taken_not_in_stock", Text({{"zh-CN", "被打开但无库存的推荐配置"}, {"en", "Recommended builds opened but not in stock"}})},
        {"first", Text({{"zh-CN", "第一推荐"}, {"en", "As first"}})},
        {"second", Text({{"zh-CN", "第二推荐"}, {"en", "As second"}})},
        {"third", Text({{"zh-CN", "第三推荐"}, {"en", "As third"}})},
        {"suppression",
         Text({{"zh-CN", "匿名统计：不含姓名、电话或配置码；小于最小计数的单元格以“<N”显示。"},
               {"en", "Anonymous: no names, phone numbers or configuration codes; cells under the minimum count show as \"<N\"."}})},
    };
    return kLabels;
}

nlohmann::json reportToJson(const Report& r) {
    const int min = r.minCellCount;
    Json j = {{"format", 1},        {"min_cell_count", min},           {"lines", r.lines},
              {"events", r.events}, {"bad_lines", r.badLines},          {"bad_line_samples", r.badLineSamples},
              {"sessions", shown(r.sessions, min)}, {"first_day", r.firstDay}, {"last_day", r.lastDay},
              {"funnel", funnelJson(r.funnel, min)}, {"share_pages_opened", shown(r.sharePagesOpened, min)}};
    Json kiosks = Json::array(), days = Json::array(), kioskDays = Json::array();
    for (const auto& [kiosk, f] : r.byKiosk) {
        Json row = funnelJson(f, min);
        row["kiosk"] = kiosk;
        kiosks.push_back(row);
    }
    for (const auto& [day, f] : r.byDay) {
        Json row = funnelJson(f, min);
        row["day"] = day;
        days.push_back(row);
    }
    for (const auto& [key, f] : r.byKioskDay) {
        Json row = funnelJson(f, min);
        row["kiosk"] = key.first;
        row["day"] = key.second;
        kioskDays.push_back(row);
    }
    j["funnel_by_kiosk"] = kiosks;
    j["funnel_by_day"] = days;
    j["funnel_by_kiosk_day"] = kioskDays;
    Json screens = Json::array();
    for (const auto& [screen, n] : r.abandonedByScreen) screens.push_back({{"screen", screen}, {"sessions", shown(n, min)}});
    j["abandoned_by_screen"] = screens;

    std::int64_t hidden = 0;
    Json builds = Json::array();
    for (const BuildRow* b : visibleRows(r.builds, min, static_cast<size_t>(r.topBuilds), buildSessions, hidden))
        builds.push_back(buildJson(*b, min, r.haveStock));
    j["top_builds"] = {{"rows", builds}, {"rows_suppressed", hidden}};
    Json greyed = Json::array();
    for (const GreyedRow* g : visibleRows(r.greyed, min, r.greyed.size(), greyedSessions, hidden))
        greyed.push_back({{"model", g->model}, {"category", g->category}, {"option", g->option},
                          {"taps", shown(g->taps, min)}, {"sessions", shown(g->sessions, min)}});
    j["greyed_out_taps"] = {{"rows", greyed}, {"rows_suppressed", hidden}};
    if (r.haveStock) {
        Json wanted = Json::array();
        for (const BuildRow* b : visibleRows(r.wantedNotInStock, min, r.wantedNotInStock.size(), buildSessions, hidden))
            wanted.push_back(buildJson(*b, min, false));
        j["wanted_not_in_stock"] = {{"rows", wanted}, {"rows_suppressed", hidden}};
    } else {
        j["wanted_not_in_stock"] = nullptr;
    }
    j["guide"] = guideJson(r.guide, min, r.haveStock);
    return j;
}

std::vector<std::pair<std::string, std::string>> reportToCsv(const Report& r) {
    const int min = r.minCellCount;
    std::vector<std::pair<std::string, std::string>> files;
    auto funnelHeader = [] {
        std::string h;
        for (const char* s : kStageNames) h += std::string(",") + s;
        return h + "\n";
    };
    auto funnelCells = [&](const Funnel& f) {
        std::string s;
        for (auto v : f) s += "," + shownText(v, min);
        return s + "\n";
    };
    std::string kd = "kiosk,day" + funnelHeader();
    for (const auto& [key, f] : r.byKioskDay) kd += csvCell(key.first) + "," + key.second + funnelCells(f);
    files.emplace_back("funnel_by_kiosk_day.csv", kd);
    std::string k = "kiosk" + funnelHeader();
    for (const auto& [kiosk, f] : r.byKiosk) k += csvCell(kiosk) + funnelCells(f);
    files.emplace_back("funnel_by_kiosk.csv", k);
    std::string d = "day" + funnelHeader();
    for (const auto& [day, f] : r.byDay) d += day + funnelCells(f);
    files.emplace_back("funnel_by_day.csv", d);

    auto buildCsv = [&](const std::vector<BuildRow>& rows, size_t limit, bool stock) {
        std::string s = std::string("model,trim,battery,paint,wheels,sessions,bookings,booking_rate_percent") +
                        (stock ? ",in_stock" : "") + "\n";
        std::int64_t hidden = 0;
        for (const BuildRow* b : visibleRows(rows, min, limit, buildSessions, hidden)) {
            const auto rate = rateTenths(b->bookings, b->sessions, min);
            s += b->build.model + "," + b->build.trim + "," + b->build.battery + "," + b->build.paint + "," + b->build.wheels + "," +
                 shownText(b->sessions, min) + "," + shownText(b->bookings, min) + "," + (rate ? tenthsText(*rate) : "") +
                 (stock ? "," + std::to_string(b->inStock) : "") + "\n";
        }
        return s;
    };
    files.emplace_back("builds.csv", buildCsv(r.builds, r.builds.size(), r.haveStock));
    std::string g = "model,category,option,taps,sessions\n";
    std::int64_t hidden = 0;
    for (const GreyedRow* row : visibleRows(r.greyed, min, r.greyed.size(), greyedSessions, hidden))
        g += row->model + "," + row->category + "," + row->option + "," + shownText(row->taps, min) + "," + shownText(row->sessions, min) + "\n";
    files.emplace_back("greyed_out_taps.csv", g);
    std::string a = "screen,sessions\n";
    for (const auto& [screen, n] : r.abandonedByScreen) a += screen + "," + shownText(n, min) + "\n";
    files.emplace_back("abandoned_by_screen.csv", a);
    if (r.haveStock) files.emplace_back("wanted_not_in_stock.csv", buildCsv(r.wantedNotInStock, r.wantedNotInStock.size(), false));
    std::string ga = "question,answer,sessions\n";
    for (const GuideAnswerRow* row : visibleRows(r.guide.answers, min, r.guide.answers.size(), answerSessions, hidden))
        ga += row->question + "," + row->answer + "," + shownText(row->sessions, min) + "\n";
    files.emplace_back("guide_answers.csv", ga);
    auto takenCsv = [&](const std::vector<TakenRow>& rows, bool stock) {
        std::string t = std::string("model,trim,battery,paint,wheels,sessions,bookings,first,second,third") +
                        (stock ? ",in_stock" : "") + "\n";
        for (const TakenRow* row : visibleRows(rows, min, rows.size(), takenSessions, hidden)) {
            t += row->build.model + "," + row->build.trim + "," + row->build.battery + "," + row->build.paint + "," +
                 row->build.wheels + "," + shownText(row->sessions, min) + "," + shownText(row->bookings, min);
            for (auto n : row->byPlace) t += "," + shownText(n, min);
            t += (stock ? "," + std::to_string(row->inStock) : std::string()) + "\n";
        }
        return t;
    };
    files.emplace_back("guide_recommendations_taken.csv", takenCsv(r.guide.taken, r.haveStock));
    if (r.haveStock) files.emplace_back("guide_taken_not_in_stock.csv", takenCsv(r.guide.takenNotInStock, false));
    return files;
}

namespace {

// One count as a table cell, suppressed under the minimum, named by its place in the JSON.
std::string numCell(const std::string& key, std::int64_t value, int min) {
    return "<td class=\"n\" data-key=\"" + html(key) + "\"" + (shownCount(value, min) ? "" : " data-suppressed=\"1\"") + ">" +
           html(shownText(value, min)) + "</td>";
}

// The buying guide's section: what customers said they need, and the recommended builds they
// opened with the stock of each.
std::string guideHtml(const Report& r, const Names& names, const std::string& language) {
    const int min = r.minCellCount;
    const GuideReport& g = r.guide;
    auto L = [&](const char* key) { return html(label(key).get(language)); };
    auto num = [&](const std::string& key, std::int64_t value) { return numCell(key, value, min); };
    std::string s = "<section id=\"guide\"><h2>" + L("guide") + "</h2>\n<table><tr><th>" + L("guide_sessions") + "</th>" +
                    num("guide.sessions", g.sessions) + "</tr><tr><th>" + L("guide_took") + "</th>" +
                    num("guide.took_recommendation", g.tookRecommendation) + "</tr></table>\n";
    std::int64_t hidden = 0;
    const auto answers = visibleRows(g.answers, min, g.answers.size(), answerSessions, hidden);
    s += "<h3>" + L("guide_answers") + "</h3><table><tr><th>" + L("question") + "</th><th>" + L("answer") + "</th><th>" +
         L("sessions") + "</th></tr>";
    for (size_t i = 0; i < answers.size(); ++i)
        s += "<tr><td>" + html(answers[i]->question) + "</td><td>" + html(answers[i]->answer) + "</td>" +
             num("guide.answers." + std::to_string(i) + ".sessions", answers[i]->sessions) + "</tr>";
    s += "</table><p class=\"note\">" + L("hidden_rows") + ": <span data-key=\"guide.answers.rows_suppressed\">" +
         std::to_string(hidden) + "</span></p>\n";
    auto takenTable = [&](const char* key, const std::string& prefix, const std::vector<TakenRow>& rows, bool stock) {
        const auto visible = visibleRows(rows, min, rows.size(), takenSessions, hidden);
        std::string t = "<h3>" + L(key) + "</h3><table><tr><th>#</th><th>" + L("build") + "</th><th>" + L("sessions") +
                        "</th><th>" + L("bookings") + "</th>";
        for (const char* p : kPlaces) t += "<th>" + L(p) + "</th>";
        t += std::string(stock ? "<th>" + L("in_stock") + "</th>" : "") + "</tr>";
        for (size_t i = 0; i < visible.size(); ++i) {
            const TakenRow& row = *visible[i];
            const std::string k = prefix + std::to_string(i) + ".";
            t += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + html(names.build(row.build)) + "</td>" +
                 num(k + "sessions", row.sessions) + num(k + "bookings", row.bookings);
            for (size_t p = 0; p < kPlaces.size(); ++p) t += num(k + kPlaces[p], row.byPlace[p]);
            if (stock) t += "<td class=\"n\" data-key=\"" + k + "in_stock\">" + std::to_string(row.inStock) + "</td>";
            t += "</tr>";
        }
        return t + "</table><p class=\"note\">" + L("hidden_rows") + ": <span data-key=\"" + prefix + "rows_suppressed\">" +
               std::to_string(hidden) + "</span></p>\n";
    };
    s += takenTable("guide_taken", "guide.recommendations_taken.", g.taken, r.haveStock);
    if (r.haveStock) s += takenTable("guide_taken_not_in_stock", "guide.taken_not_in_stock.", g.takenNotInStock, false);
    else s += "<p class=\"note\">" + L("no_stock") + "</p>";
    return s + "</section>\n";
}

}  // namespace

std::string reportToHtml(const Report& r, const Catalog* catalog, const std::string& language) {
    const int min = r.minCellCount;
    const Names names(catalog, language);
    auto L = [&](const char* key) { return html(label(key).get(language)); };
    auto num = [&](const std::string& key, std::int64_t value) { return numCell(key, value, min); };
    std::string s;
    s.reserve(64 * 1024);
    s += "<!DOCTYPE html>\n<html lang=\"" + html(language) + "\"><head><meta charset=\"utf-8\"><title>" + L("title") +
         "</title>\n<style>body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:24px;color:#222;background:#fff}"
         "h1{font-size:26px}h2{font-size:19px;margin-top:28px;border-bottom:2px solid #4a90d9}"
         "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}"
         "th{background:#eef3fa}td.n{text-align:right}.chart .label{font-size:12px;fill:#333}"
         ".chart .value{font-size:12px;fill:#111}.chart .small{font-size:10px;fill:#333}.note{color:#666;font-size:13px}</style>"
         "</head><body>\n";
    s += "<h1>" + L("title") + "</h1>\n<table><tr><th>" + L("period") + "</th><td>" + html(r.firstDay) + " – " + html(r.lastDay) +
         "</td></tr><tr><th>" + L("events") + "</th>" + "<td class=\"n\" data-key=\"events\">" + std::to_string(r.events) +
         "</td></tr><tr><th>" + L("sessions") + "</th>" + num("sessions", r.sessions) + "</tr><tr><th>" + L("bad_lines") +
         "</th><td class=\"n\" data-key=\"bad_lines\">" + std::to_string(r.badLines) + "</td></tr></table>\n<p class=\"note\">" +
         L("suppression") + " (N = " + std::to_string(min) + ")</p>\n";

    // Funnel.
    s += "<section id=\"funnel\"><h2>" + L("funnel") + "</h2>\n";
    std::vector<Bar> bars;
    for (size_t i = 0; i < kStageCount; ++i)
        bars.push_back({label(kStageNames[i]).get(language), r.funnel[i], !shownCount(r.funnel[i], min)});
    s += barChart(bars, min, "#4a90d9");
    s += "\n<table><tr><th>" + L("stage") + "</th><th>" + L("sessions") + "</th></tr>";
    for (size_t i = 0; i < kStageCount; ++i)
        s += "<tr><td>" + L(kStageNames[i]) + "</td>" + num(std::string("funnel.") + kStageNames[i], r.funnel[i]) + "</tr>";
    s += "<tr><td>" + L("share_pages_opened") + "</td>" + num("share_pages_opened", r.sharePagesOpened) + "</tr>";
    s += "</table></section>\n";

    auto funnelTable = [&](const char* id, const char* first, const std::map<std::string, Funnel>& rows) {
        std::string t = "<table><tr><th>" + L(first) + "</th>";
        for (const char* st : kStageNames) t += "<th>" + L(st) + "</th>";
        t += "</tr>";
        for (const auto& [key, f] : rows) {
            t += "<tr><td>" + html(key) + "</td>";
            for (size_t i = 0; i < kStageCount; ++i) t += num(std::string(id) + "." + key + "." + kStageNames[i], f[i]);
            t += "</tr>";
        }
        return t + "</table>";
    };
    s += "<section id=\"by-kiosk\"><h2>" + L("by_kiosk") + "</h2>\n" + funnelTable("funnel_by_kiosk", "kiosk", r.byKiosk) + "</section>\n";
    s += "<section id=\"by-day\"><h2>" + L("by_day") + "</h2>\n" + dayChart(r) + "<p class=\"note\">" + L("by_day_note") + "</p>" +
         funnelTable("funnel_by_day", "day", r.byDay) + "</section>\n";

    // Builds.
    auto buildSection = [&](const char* id, const char* key, const std::vector<BuildRow>& rows, size_t limit, bool stock,
                            const char* colour) {
        std::int64_t hidden = 0;
        const auto visible = visibleRows(rows, min, limit, buildSessions, hidden);
        std::string t = "<section id=\"" + std::string(id) + "\"><h2>" + L(key) + "</h2>\n";
        std::vector<Bar> b;
        for (const BuildRow* row : visible) b.push_back({names.build(row->build), row->sessions, false});
        t += barChart(b, min, colour);
        t += "\n<table><tr><th>#</th><th>" + L("build") + "</th><th>" + L("sessions") + "</th><th>" + L("bookings") + "</th><th>" +
             L("rate") + "</th>" + (stock ? "<th>" + L("in_stock") + "</th>" : "") + "</tr>";
        const std::string prefix = std::string(key == std::string("builds") ? "top_builds" : "wanted_not_in_stock") + ".";
        for (size_t i = 0; i < visible.size(); ++i) {
            const BuildRow& row = *visible[i];
            const auto rate = rateTenths(row.bookings, row.sessions, min);
            t += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + html(names.build(row.build)) + "</td>" +
                 num(prefix + std::to_string(i) + ".sessions", row.sessions) + num(prefix + std::to_string(i) + ".bookings", row.bookings) +
                 "<td class=\"n\">" + (rate ? tenthsText(*rate) : "–") + "</td>" +
                 (stock ? "<td class=\"n\" data-key=\"" + prefix + std::to_string(i) + ".in_stock\">" + std::to_string(row.inStock) + "</td>" : "") +
                 "</tr>";
        }
        t += "</table><p class=\"note\">" + L("hidden_rows") + ": <span data-key=\"" + prefix + "rows_suppressed\">" +
             std::to_string(hidden) + "</span></p></section>\n";
        return t;
    };
    s += buildSection("builds", "builds", r.builds, static_cast<size_t>(r.topBuilds), r.haveStock, "#7b61c9");

    // Greyed-out taps.
    {
        std::int64_t hidden = 0;
        const auto visible = visibleRows(r.greyed, min, r.greyed.size(), greyedSessions, hidden);
        s += "<section id=\"greyed\"><h2>" + L("greyed") + "</h2>\n";
        std::vector<Bar> b;
        for (const GreyedRow* g : visible) b.push_back({names.model(g->model) + " · " + names.item(g->model, g->option), g->taps, false});
        s += barChart(b, min, "#d9822b");
        s += "\n<table><tr><th>#</th><th>" + L("option") + "</th><th>" + L("taps") + "</th><th>" + L("sessions") + "</th></tr>";
        for (size_t i = 0; i < visible.size(); ++i) {
            const GreyedRow& g = *visible[i];
            s += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + html(names.model(g.model) + " · " + names.item(g.model, g.option)) +
                 "</td>" + num("greyed_out_taps." + std::to_string(i) + ".taps", g.taps) +
                 num("greyed_out_taps." + std::to_string(i) + ".sessions", g.sessions) + "</tr>";
        }
        s += "</table><p class=\"note\">" + L("hidden_rows") + ": <span data-key=\"greyed_out_taps.rows_suppressed\">" +
             std::to_string(hidden) + "</span></p></section>\n";
    }

    // Abandoned.
    {
        s += "<section id=\"abandoned\"><h2>" + L("abandoned") + "</h2>\n";
        std::vector<Bar> b;
        for (const auto& [screen, n] : r.abandonedByScreen) b.push_back({screen, n, !shownCount(n, min)});
        s += barChart(b, min, "#c94f4f");
        s += "\n<table><tr><th>" + L("screen") + "</th><th>" + L("sessions") + "</th></tr>";
        for (const auto& [screen, n] : r.abandonedByScreen)
            s += "<tr><td>" + html(screen) + "</td>" + num("abandoned_by_screen." + screen, n) + "</tr>";
        s += "</table></section>\n";
    }

    if (r.haveStock) s += buildSection("wanted", "wanted", r.wantedNotInStock, r.wantedNotInStock.size(), false, "#2e9e5b");
    else s += "<section id=\"wanted\"><h2>" + L("wanted") + "</h2><p class=\"note\">" + L("no_stock") + "</p></section>\n";
    s += guideHtml(r, names, language);
    s += "</body></html>\n";
    return s;
}

}  // namespace core::analytics
