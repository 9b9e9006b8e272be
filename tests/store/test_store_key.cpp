// The kiosk's store key file: an embedded kiosk writes it 0600 and durably on first start and
// refuses to run with a fresh key beside a database sealed with the lost one; a configured key
// file readable by other users is refused, naming its mode.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "store/KioskConfig.h"
#include "store/StoreTestSupport.h"

namespace {

unsigned modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("embedded store key: created 0600 on first start, kept, and a deleted key beside a database is an error") {
    testing_store::TempDir dir("store-key");
    const std::string key = dir.file("store.key"), db = dir.file("kiosk.db");
    const std::string first = store::loadOrCreateEmbeddedKey(key, db);
    CHECK(first.size() == 64);
    CHECK(modeOf(key) == 0600);
    CHECK(store::loadOrCreateEmbeddedKey(key, db) == first);
    std::ofstream(db) << "sealed bookings";
    std::filesystem::remove(key);
    try {
        store::loadOrCreateEmbeddedKey(key, db);
        FAIL("a fresh key was made beside an existing database");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find(key) != std::string::npos);
        CHECK(what.find(db) != std::string::npos);
        CHECK(what.find("missing") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(key));  // nothing written on the way
}

TEST_CASE("configured store key file: readable by others is refused with its mode named, 0600 is taken") {
    testing_store::TempDir dir("store-key-config");
    const std::string key = dir.file("store.key"), config = dir.file("kiosk.json");
    std::ofstream(key) << std::string(64, 'a') << "\n";
    std::ofstream(config) << "{\"kiosk_id\": \"kiosk-a\", \"database\": \"" << dir.file("k.db") << "\", \"store_key_file\": \""
                          << key << "\"}";
    ::chmod(key.c_str(), 0644);
    std::string error;
    CHECK_FALSE(store::loadKioskConfig(config, error));
    CHECK(error.find("mode 0644") != std::string::npos);
    CHECK(error.find(key) != std::string::npos);
    ::chmod(key.c_str(), 0640);
    error.clear();
    CHECK_FALSE(store::loadKioskConfig(config, error));
    CHECK(error.find("mode 0640") != std::string::npos);
    ::chmod(key.c_str(), 0600);
    error.clear();
    auto c = store::loadKioskConfig(config, error);
    INFO(error);
    REQUIRE(c);
    CHECK(c->storeKeyHex == std::string(64, 'a'));
}
