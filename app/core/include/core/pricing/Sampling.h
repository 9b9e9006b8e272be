#pragma once
// Every valid configuration of a catalog, and seeded random picks from them: for property tests,
// `kioskctl codes --sample` and benchmarks. Enumerates single-choice categories times subsets of
// the others and keeps what checkConfiguration accepts (the catalog is small: tens of thousands).
#include <cstdint>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"

namespace core::pricing {

std::vector<Configuration> enumerateValidConfigurations(const Catalog& catalog);

// `count` configurations drawn uniformly (with replacement) from `all`, reproducible for a seed on
// every platform (SplitMix64, no std distributions).
std::vector<Configuration> sampleConfigurations(const std::vector<Configuration>& all, size_t count, std::uint64_t seed);

}  // namespace core::pricing
