#pragma once
// ContentCheck: the one full check of a content folder, as `kioskctl validate` runs it and as the
// hub runs it before it publishes a version and a kiosk before it stages one: the catalog, every
// module file (kiosk behaviour, range, pricing, booking, hub, guide, charging, analytics, render
// mapping), each model's rules leaving a complete car and each trim's default car. Pure function
// of the folder's files; any thread.
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/ContentError.h"

namespace contentpack {

struct CheckResult {
    std::optional<core::Catalog> catalog;  // set only when errors is empty
    core::ContentErrors errors;            // every problem, naming file and JSON path
    bool ok() const { return catalog.has_value(); }
};

// `directory` is used as given in error messages.
CheckResult checkContentFolder(const std::string& directory);

// A folder as published: the check above on the folder and on each market folder in it
// (markets/<id>/ with a content.json of its own); `catalog` is the folder's own market's.
CheckResult checkPublishedFolder(const std::string& directory);

// The errors as one line each, for logs and reports (at most `maxLines`, then "... and N more").
std::string describeErrors(const core::ContentErrors& errors, size_t maxLines = 5);

}  // namespace contentpack
