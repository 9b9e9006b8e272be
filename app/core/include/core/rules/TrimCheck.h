#pragma once
// Content checks of a model's trims against its rules: a trim's default car is what a customer
// gets by tapping the trim, so it must be a valid car, the rules engine must give exactly it, and
// a dearer trim must give another car, with no smaller battery. Each finding names the model file and the
// JSON pointer of the trim's defaults.
#include "core/Catalog.h"
#include "core/ContentError.h"

namespace core::rules {

ContentErrors checkTrimDefaults(const Catalog& catalog, const Model& model);

}  // namespace core::rules
