#pragma once
// ContentBundle: a content folder as one signed document, the unit the hub publishes and kiosks
// fetch. The bytes are JSON: {"format": "kiosk-content", "format_version": 1, "version": "...",
// "files": {"content.json": base64, "models/lark.json": base64, ...}}; the signature is Ed25519
// (libsodium) over exactly those bytes, so a truncated or altered download fails the check before
// any of it is read. Pure functions apart from reading and writing the folders named; any thread.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/Result.h"

namespace contentpack {

struct ContentBundle {
    std::string version;                       // the published version id, [A-Za-z0-9._-]
    std::map<std::string, std::string> files;  // path relative to the folder ('/'-separated) -> bytes
};

// A published version id: 1-80 characters of [A-Za-z0-9._-], not starting with '.'.
bool isVersionId(const std::string& version);

// Every regular file under `folder`. Throws std::runtime_error naming a file it cannot read, a
// symbolic link or anything that is not a plain file or folder.
ContentBundle readFolder(const std::filesystem::path& folder);

// Sets `content_version` in every manifest (content.json at any depth) to its own value with
// "-" + `suffix` appended, so the version a kiosk reports names the publication. Throws naming
// a manifest that is not a JSON object.
void stampVersion(ContentBundle& bundle, const std::string& suffix);

std::string toBytes(const ContentBundle& bundle);
// Refuses anything but a well-formed bundle: paths without "..", ".", empty or absolute parts.
core::Result<ContentBundle> parseBundle(const std::string& bytes);

// Writes the bundle's files under `folder` (created; must not exist) and fsyncs each file and
// folder. Throws std::runtime_error naming the file.
void writeFolder(const ContentBundle& bundle, const std::filesystem::path& folder);

// Ed25519. Secret key: the 32-byte seed as 64 hex digits; public key: 64 hex digits; signature:
// 128 hex digits.
std::string publicKeyOf(const std::string& seedHex);
std::string sign(const std::string& bytes, const std::string& seedHex);
bool verify(const std::string& bytes, const std::string& signatureHex, const std::string& publicKeyHex);
std::string sha256Hex(const std::string& bytes);

// fsync of a folder (its entries durable). Throws std::runtime_error naming it.
void syncFolder(const std::filesystem::path& folder);

}  // namespace contentpack
