#pragma once
// The hub's key for personal fields at rest: one file, 64 hex digits, readable by the hub's user
// only, kept outside the database (default DATA/hub.key; on PostgreSQL every hub of the group
// needs the same file). Back it up apart from the database: without it the names and mobiles in
// the database cannot be read.
#include <string>

namespace hub {

// Reads the key file, or creates it (0600, fsynced with its folder) when absent; `created` says
// which. Throws std::runtime_error naming the file: readable by group or others (with its mode),
// or not 64 hexadecimal digits. `what` names the key in those messages (the content signing key,
// DATA/content-signing.key, is kept the same way).
std::string loadOrCreateHubKey(const std::string& file, bool& created,
                               const std::string& what = "the key of the personal data");

}  // namespace hub
