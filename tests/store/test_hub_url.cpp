// The kiosk configuration's hub_url: plain http:// only to loopback unless the configuration
// says allow_insecure_http (then with a warning to print at start); https:// anywhere.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/KioskConfig.h"
#include "store/StoreTestSupport.h"

namespace {

std::optional<store::KioskConfig> configWith(const testing_store::TempDir& dir, const std::string& url,
                                             const std::string& extra, std::string& error) {
    std::ofstream(dir.file("kiosk.json")) << "{\"kiosk_id\": \"kiosk-a\", \"database\": \"" << dir.file("k.db")
                                          << "\", \"store_key\": \"" << std::string(64, 'c') << "\", \"hub_token\": \"t\", "
                                          << "\"hub_url\": \"" << url << "\"" << extra << "}";
    error.clear();
    return store::loadKioskConfig(dir.file("kiosk.json"), error);
}

}  // namespace

TEST_CASE("hub_url: http:// outside loopback refused unless allow_insecure_http, with a warning then") {
    testing_store::TempDir dir("hub-url");
    std::string error;
    for (const char* url : {"http://127.0.0.1:8470", "http://localhost:8470/", "http://[::1]:8470", "https://10.0.0.5:8470",
                            "https://hub.showroom.example"}) {
        INFO(url);
        auto c = configWith(dir, url, "", error);
        INFO(error);
        REQUIRE(c);
        CHECK(c->warning.empty());
    }
    for (const char* url : {"http://10.0.0.5:8470", "http://hub.showroom.example", "http://127.example.com"}) {
        INFO(url);
        CHECK_FALSE(configWith(dir, url, "", error));
        CHECK(error.find(url) != std::string::npos);
        CHECK(error.find("allow_insecure_http") != std::string::npos);
        auto allowed = configWith(dir, url, ", \"allow_insecure_http\": true", error);
        INFO(error);
        REQUIRE(allowed);
        CHECK(allowed->warning.find("WARNING") != std::string::npos);
    }
    CHECK_FALSE(configWith(dir, "http://10.0.0.5", ", \"allow_insecure_http\": \"yes\"", error));
    CHECK(error.find("/allow_insecure_http") != std::string::npos);
}

TEST_CASE("hub_ca_file: read at start, must hold a PEM certificate, only with an https:// hub_url") {
    testing_store::TempDir dir("hub-ca");
    std::string error;
    std::ofstream(dir.file("ca.pem")) << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    std::ofstream(dir.file("not-pem.txt")) << "just text\n";
    auto ok = configWith(dir, "https://10.0.0.5:8470", ", \"hub_ca_file\": \"" + dir.file("ca.pem") + "\"", error);
    INFO(error);
    REQUIRE(ok);
    CHECK(ok->hubCaFile == dir.file("ca.pem"));
    CHECK_FALSE(configWith(dir, "https://10.0.0.5:8470", ", \"hub_ca_file\": \"" + dir.file("absent.pem") + "\"", error));
    CHECK(error == "hub_ca_file " + dir.file("absent.pem") + ": cannot read");
    CHECK_FALSE(configWith(dir, "https://10.0.0.5:8470", ", \"hub_ca_file\": \"" + dir.file("not-pem.txt") + "\"", error));
    CHECK(error.find("hub_ca_file " + dir.file("not-pem.txt") + ": no PEM certificate") != std::string::npos);
    CHECK_FALSE(configWith(dir, "http://127.0.0.1:8470", ", \"hub_ca_file\": \"" + dir.file("ca.pem") + "\"", error));
    CHECK(error.find("is not https://") != std::string::npos);
}
