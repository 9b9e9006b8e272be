#include "core/analytics/AnalyticsSettings.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/JsonReader.h"

namespace core::analytics {

AnalyticsLoadResult loadAnalyticsSettings(const std::string& file, const Market& market) {
    AnalyticsLoadResult result;
    auto json = parseJsonFile(file, result.errors);
    if (!json) return result;
    JsonReader r(file, result.errors);
    if (!r.expectObject(*json, "")) return result;
    r.allowOnly(*json, "", {"format", "min_cell_count", "utc_offset_minutes", "top_builds", "stock", "screens"});
    r.integer(*json, "", "format", 1, 1);
    AnalyticsSettings s;
    s.sourceFile = file;
    s.minCellCount = static_cast<int>(r.integer(*json, "", "min_cell_count", 2, 1000).value_or(5));
    s.zone = market.timeZone;
    if (json->contains("utc_offset_minutes"))
        r.fail("/utc_offset_minutes", "a fixed offset is no longer read: the showroom's days follow the market's time_zone (" +
                                          market.sourceFile + ")");
    s.topBuilds = static_cast<int>(r.integer(*json, "", "top_builds", 1, 1000).value_or(15));
    s.screens = r.stringArray(*json, "", "screens");
    std::set<std::string> seen;
    for (size_t i = 0; i < s.screens.size(); ++i) {
        const auto& id = s.screens[i];
        static const std::regex screenRe("^[a-z][a-z_]{0,31}$");
        if (!std::regex_match(id, screenRe))
            r.fail(jsonPointer("/screens", i), "\"" + id + "\" is not a screen id of [a-z_]");
        if (!seen.insert(id).second) r.fail(jsonPointer("/screens", i), "duplicate screen \"" + id + "\"");
    }
    if (auto stock = r.string(*json, "", "stock", false); stock && !stock->empty()) {
        const auto path = std::filesystem::path(file).parent_path() / *stock;
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) r.fail("/stock", "file \"" + path.lexically_normal().string() + "\" does not exist");
        s.stockFile = path.lexically_normal().string();
    }
    if (result.errors.empty()) result.settings = std::move(s);
    return result;
}

AnalyticsLoadResult loadAnalyticsSettings(const Catalog& catalog) {
    AnalyticsLoadResult r;
    const auto file =
        catalog.requireModuleFile("analytics", "demand insight needs content/analytics/cn.json", r.errors);
    return file ? loadAnalyticsSettings(*file, catalog.market) : r;
}

int StockList::quantityOf(const Build& build) const {
    int n = 0;
    for (const auto& item : items)
        if (item.build == build) n += item.quantity;
    return n;
}

StockLoadResult loadStockCsv(const std::string& file, const Catalog& catalog) {
    StockLoadResult result;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        result.errors.push_back({file, "", "cannot read file"});
        return result;
    }
    StockList stock;
    stock.sourceFile = file;
    std::string line;
    int lineNo = 0;
    static const char* const kColumns[] = {"model", "trim", "battery", "paint", "wheels", "quantity"};
    auto fail = [&](const std::string& message) { result.errors.push_back({file, "line " + std::to_string(lineNo), message}); };
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // spreadsheet BOM
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.emplace_back();
        if (lineNo == 1) {
            const std::vector<std::string> expected(std::begin(kColumns), std::end(kColumns));
            if (cells != expected) fail("the header must be \"model,trim,battery,paint,wheels,quantity\"");
            continue;
        }
        if (line.empty()) continue;
        if (cells.size() != 6) {
            fail("expected 6 columns, found " + std::to_string(cells.size()));
            continue;
        }
        StockItem item;
        item.build = {cells[0], cells[1], cells[2], cells[3], cells[4]};
        const Model* m = catalog.findModel(cells[0]);
        if (!m) {
            fail("model: unknown model \"" + cells[0] + "\"");
            continue;
        }
        const Trim* t = m->findTrim(cells[1]);
        if (!t) fail("trim: \"" + cells[1] + "\" is not a trim of " + m->id);
        const char* cats[] = {"battery", "paint", "wheels"};
        for (int c = 0; c < 3; ++c) {
            const std::string& id = cells[static_cast<size_t>(2 + c)];
            const Option* o = m->findOption(id);
            if (!o || o->category != cats[c]) fail(std::string(cats[c]) + ": \"" + id + "\" is not a " + cats[c] + " option of " + m->id);
            else if (t && std::find(t->options.begin(), t->options.end(), id) == t->options.end())
                fail(std::string(cats[c]) + ": \"" + id + "\" is not offered on " + t->id);
        }
        try {
            size_t used = 0;
            const int q = std::stoi(cells[5], &used);
            if (used != cells[5].size() || q < 0 || q > 100000) throw std::invalid_argument("range");
            item.quantity = q;
        } catch (const std::exception&) {
            fail("quantity: \"" + cells[5] + "\" is not a whole number 0..100000");
        }
        stock.items.push_back(std::move(item));
    }
    if (lineNo == 0) fail("the file is empty");
    if (result.errors.empty()) result.stock = std::move(stock);
    return result;
}

}  // namespace core::analytics
