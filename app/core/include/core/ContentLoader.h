#pragma once
// ContentLoader: reads a content folder (content.json and the files it names), validates
// every reference, price, rule and translation, and returns either a Catalog or the full
// list of problems. Pure function of the folder's files; safe on any thread.
#include <optional>
#include <string>

#include "core/Catalog.h"
#include "core/ContentError.h"
#include "core/Result.h"

namespace core {

struct LoadResult {
    std::optional<Catalog> catalog;  // set only when errors is empty
    ContentErrors errors;            // every problem found, in file order
    bool ok() const { return catalog.has_value(); }
};

// `directory` is used as given in error messages ("content" -> "content/models/lark.json").
LoadResult loadContent(const std::string& directory);

// The content folder of market `marketId` in `directory`: the folder itself when its content.json
// names that market (or marketId is empty), else its markets/<marketId>/ folder with a content.json
// of its own. A market is content only: a folder beside the others, no code.
Result<std::string> marketContentDirectory(const std::string& directory, const std::string& marketId);

// The content folder to use when none is given: ./content if it holds a content.json,
// else the folder this build was configured with.
std::string defaultContentDirectory();

// Largest price a content file may state, in minor units: keeps every sum of a
// configuration's prices far inside int64.
constexpr std::int64_t kMaxContentPriceMinor = 100'000'000'000;  // 1 billion in major units

}  // namespace core
