// Sync over TLS: sales-hub --tls-cert/--tls-key with a certificate from a private CA made here,
// the kiosk trusting it through hub_ca_file. A certificate from another CA, a self-signed one
// and one for another host name are each refused with a message that says which; a plain
// client gets nothing from the TLS hub; plain http:// outside loopback is refused by default.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/KioskStore.h"
#include "store/StoreTestSupport.h"
#include "support/Process.h"
#include "support/Skip.h"
#include "sync/AdvisorClient.h"
#include "sync/HubProcess.h"
#include "sync/SyncRound.h"
#include "sync/TestPki.h"

using namespace testing_store;
using testing_hub::HubProcess;
using testing_pki::TestPki;

namespace {

std::vector<std::string> tlsArgs(const TestPki& pki, const std::string& name) {
    return {"--tls-cert", pki.cert(name), "--tls-key", pki.key(name)};
}

kiosksync::ClientOptions tlsClient(const HubProcess& hub, const std::string& caFile) {
    return {hub.url(), hub.token("kiosk-a"), 2000, 5000, caFile};
}

// The error of a pull that cannot get through; "" when it did.
std::string pullError(const kiosksync::ClientOptions& options) {
    kiosksync::SyncClient client(options);
    auto r = client.pull(0, 10);
    return r.ok() ? std::string() : r.error;
}

}  // namespace

TEST_CASE("sync over TLS with a private CA: bookings pushed, the advisor sign-in answered") {
    if (!TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    TestPki pki;
    HubProcess hub({"kiosk-a"}, tlsArgs(pki, "hub"));
    REQUIRE(hub.url().rfind("https://127.0.0.1:", 0) == 0);
    TempDir dir;
    const auto& c = content();
    store::KioskStore kiosk(dir.file("kiosk-a.db"), store::SecretKey::fromHex(kKeyHex), "kiosk-a");
    const auto slots = core::slotsForDay(c.settings, *core::parseLocalDate(kDay));
    for (int i = 0; i < 3; ++i)
        REQUIRE(kiosk.bookTestDrive(draft("Zhang Wei", "13800138000", "heron", slots[static_cast<size_t>(i)]), c.catalog,
                                    c.settings, kNowMs + i)
                    .ok());
    kiosksync::SyncClient client(tlsClient(hub, pki.cert("showroom-ca")));
    auto round = kiosksync::runSyncRound(kiosk, client, {}, kNowMs);
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(round.pushed == 3);
    CHECK(kiosk.pendingCount() == 0);

    // The advisor's password crosses this connection too.
    kiosksync::AdvisorClient advisor(tlsClient(hub, pki.cert("showroom-ca")));
    auto login = advisor.login("advisor-1", "wrong password");
    CHECK(login.status == 401);  // an HTTP answer: the TLS connection itself was accepted
}

TEST_CASE("TLS: another CA, a self-signed certificate and another host name are each refused, saying which") {
    if (!TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    TestPki pki;
    {
        HubProcess hub({"kiosk-a"}, tlsArgs(pki, "hub"));
        const std::string wrongCa = pullError(tlsClient(hub, pki.cert("other-ca")));
        INFO(wrongCa);
        CHECK(wrongCa.find("not signed by a CA in hub_ca_file " + pki.cert("other-ca")) != std::string::npos);
        // No hub_ca_file: the system's CA store does not know the private CA either.
        const std::string systemStore = pullError(tlsClient(hub, ""));
        INFO(systemStore);
        CHECK(systemStore.find("certificate refused") != std::string::npos);
        // A plain client gets no answer from the TLS hub.
        kiosksync::ClientOptions plain{"http://127.0.0.1:" + std::to_string(hub.port()), hub.token("kiosk-a"), 2000, 3000, ""};
        CHECK_FALSE(pullError(plain).empty());
        CHECK(pullError(tlsClient(hub, pki.cert("showroom-ca"))).empty());
    }
    {
        HubProcess hub({"kiosk-a"}, tlsArgs(pki, "self-signed"));
        const std::string selfSigned = pullError(tlsClient(hub, pki.cert("showroom-ca")));
        INFO(selfSigned);
        CHECK(selfSigned.find("self-signed") != std::string::npos);
        CHECK(selfSigned.find("certificate refused") != std::string::npos);
    }
    {
        HubProcess hub({"kiosk-a"}, tlsArgs(pki, "wrong-host"));
        const std::string wrongHost = pullError(tlsClient(hub, pki.cert("showroom-ca")));
        INFO(wrongHost);
        CHECK(wrongHost.find("does not name the host 127.0.0.1") != std::string::npos);
    }
}

TEST_CASE("sales-hub --tls-cert/--tls-key: a bad file or a key of another certificate stops the start, naming it",
          "[no-pg-rerun]") {
    if (!TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    TestPki pki;
    TempDir dir;
    auto start = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> argv = {SALES_HUB_PATH, "--listen", "127.0.0.1:0", "--data", dir.path(), "--content",
                                         testing_paths::contentDir()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return testing_process::run(argv);
    };
    auto mismatched = start({"--tls-cert", pki.cert("hub"), "--tls-key", pki.key("other-ca")});
    CHECK(mismatched.exitCode != 0);
    CHECK(mismatched.err.find("--tls-key " + pki.key("other-ca") + ": does not match") != std::string::npos);
    auto missing = start({"--tls-cert", dir.file("absent.crt"), "--tls-key", pki.key("hub")});
    CHECK(missing.exitCode != 0);
    CHECK(missing.err.find("--tls-cert " + dir.file("absent.crt")) != std::string::npos);
    auto alone = start({"--tls-cert", pki.cert("hub")});
    CHECK(alone.exitCode != 0);
    CHECK(alone.err.find("--tls-cert and --tls-key go together") != std::string::npos);
}

TEST_CASE("kioskctl sync with hub_ca_file in the kiosk configuration syncs over TLS") {
#ifndef KIOSKCTL_PATH
    KIOSK_SKIP("kioskctl is not built in this configuration");
#else
    if (!TestPki::available()) KIOSK_SKIP("the openssl command is absent (Debian package openssl)");
    TestPki pki;
    HubProcess hub({"kiosk-a"}, tlsArgs(pki, "hub"));
    TempDir dir;
    auto configWith = [&](const std::string& ca) {
        std::ofstream(dir.file("kiosk.json")) << "{\"kiosk_id\": \"kiosk-a\", \"database\": \"" << dir.file("k.db")
                                              << "\", \"store_key\": \"" << kKeyHex << "\", \"hub_url\": \"" << hub.url()
                                              << "\", \"hub_token\": \"" << hub.token("kiosk-a") << "\", \"hub_ca_file\": \""
                                              << ca << "\", \"content\": \"" << testing_paths::contentDir() << "\"}";
        return testing_process::run({KIOSKCTL_PATH, "sync", "--config", dir.file("kiosk.json")});
    };
    auto good = configWith(pki.cert("showroom-ca"));
    INFO(good.out << good.err);
    CHECK(good.exitCode == 0);
    CHECK(good.out.find("hub " + hub.url()) != std::string::npos);
    auto wrong = configWith(pki.cert("other-ca"));
    INFO(wrong.out << wrong.err);
    CHECK(wrong.exitCode != 0);
    CHECK((wrong.out + wrong.err).find("not signed by a CA in hub_ca_file") != std::string::npos);
    // Plain http:// to a host outside loopback is refused before anything is sent.
    std::ofstream(dir.file("plain.json")) << "{\"kiosk_id\": \"kiosk-a\", \"database\": \"" << dir.file("k.db")
                                          << "\", \"store_key\": \"" << kKeyHex
                                          << "\", \"hub_url\": \"http://10.0.0.5:8470\", \"hub_token\": \"t\"}";
    auto plain = testing_process::run({KIOSKCTL_PATH, "sync", "--config", dir.file("plain.json")});
    INFO(plain.out << plain.err);
    CHECK(plain.exitCode != 0);
    CHECK(plain.err.find("plain HTTP to a host outside loopback") != std::string::npos);
#endif
}
