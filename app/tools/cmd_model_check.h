#pragma once
// kioskctl model check FILE [--json] [--alternatives A,B]... [--content DIR]: the mesh checker
// (render/MeshCheck.h) as a command. Exit 0 when every limit holds, 1 when one is broken, 2 on
// bad input.
#include <string>

#include "Commands.h"

namespace tools {

int modelCheck(const std::string& file, const Args& args);

}  // namespace tools
