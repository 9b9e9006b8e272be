#pragma once
// The report's outputs: a JSON summary (`kioskctl report --json`), CSV files and one
// self-contained HTML page whose charts are inline SVG drawn here (no scripts, no external
// files). Every count goes through shownCount(): a cell under the minimum count prints as null
// (JSON), "<N" (CSV, HTML); list rows whose own count is suppressed are left out and counted.
// Every number the page shows carries data-key="..." naming its place in the JSON (for tests).
// Pure functions of the Report; any thread.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Catalog.h"
#include "core/Text.h"
#include "core/analytics/Report.h"

namespace core::analytics {

nlohmann::json reportToJson(const Report& report);

// (file name, content): funnel_by_kiosk_day.csv, funnel_by_kiosk.csv, funnel_by_day.csv,
// builds.csv, greyed_out_taps.csv, abandoned_by_screen.csv, wanted_not_in_stock.csv.
std::vector<std::pair<std::string, std::string>> reportToCsv(const Report& report);

// `catalog` (may be null) gives model and option names in `language`; ids are shown otherwise.
std::string reportToHtml(const Report& report, const Catalog* catalog, const std::string& language);

// The page's own labels in every language (the privacy test knows every word the page may say).
const std::map<std::string, Text>& reportLabels();

}  // namespace core::analytics
