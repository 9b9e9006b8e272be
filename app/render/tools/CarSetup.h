#pragma once
// Command-line car setup shared by render-shot, render-bench and the render tests: loads the
// content and render mapping, and builds a configuration from --trim/--paint/--wheels/--options.
#include <optional>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/Configuration.h"
#include "render/RenderMapping.h"

namespace render {

struct CarSetup {
    core::Catalog catalog;
    RenderMapping mapping;
};

// Loads content from `contentDir` and its "render" module file; throws with every error listed.
CarSetup loadCarSetup(const std::string& contentDir);

// The trim's default configuration, with the paint / wheels / extra options replaced where given
// (empty strings keep the defaults). Throws when an id is not an option of the model.
core::Configuration buildConfiguration(const core::Model& model, const std::string& trim, const std::string& paint,
                                       const std::string& wheels, const std::vector<std::string>& options);

}  // namespace render
