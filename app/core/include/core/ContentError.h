#pragma once
// ContentError: one problem found in a content file, located by file and JSON pointer.
#include <string>
#include <vector>

namespace core {

struct ContentError {
    std::string file;     // as the loader opened it, e.g. "content/models/lark.json"
    std::string path;     // JSON pointer inside the file, e.g. "/trims/2/options/5"; "" for the whole file
    std::string message;  // what is wrong, naming the value

    // "file: path: message", the form printed by `kioskctl validate` and the kiosk.
    std::string toString() const;
};

using ContentErrors = std::vector<ContentError>;

}  // namespace core
