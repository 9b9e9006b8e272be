#pragma once
// AdvisorClient: a kiosk in advisor mode talking to the hub's advisor API (docs/sync-protocol.md,
// "Advisor API"): the advisor signs in with their own id and password from this registered
// device, then lists the day's bookings and moves them on (check-in, start, complete, no-show).
// Holds the advisor's session token in memory only, overwritten at sign-out. Synchronous; used by
// one thread at a time (the kiosk runs it off the UI thread).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sync/SyncClient.h"

namespace kiosksync {

// One row of the hub's day list: no full mobile number, no e-mail.
struct AdvisorBooking {
    std::string bookingId;
    std::string kioskId;
    std::string name;
    std::string mobileMasked;  // "+86138****8000"
    std::string model, trim;
    std::string mode;          // "slot" or "queue"
    std::string slot;          // slot mode: "YYYY-MM-DDTHH:MM"
    int queuePlace = 0;        // queue mode
    std::string status;        // "confirmed", "checked_in", ...
};

class AdvisorClient {
public:
    // `options.token` is this kiosk's device token; it opens only the sign-in.
    explicit AdvisorClient(ClientOptions options);
    ~AdvisorClient();
    AdvisorClient(const AdvisorClient&) = delete;
    AdvisorClient& operator=(const AdvisorClient&) = delete;

    // On success the session is kept for the calls below; 401 invalid_credentials, 423 locked.
    Reply<bool> login(const std::string& advisorId, std::string_view password);
    bool signedIn() const { return !m_session.empty(); }
    const std::string& advisorId() const { return m_advisorId; }
    // Ends the session at the hub (best effort) and forgets it here.
    void logout();

    Reply<std::vector<AdvisorBooking>> bookings(const std::string& date);
    // action: "check-in", "start", "complete", "no-show"; the booking as it is now. 409: not allowed
    // from the booking's state.
    Reply<AdvisorBooking> act(const std::string& bookingId, const std::string& action);

private:
    template <typename T>
    bool answered(const void* result, Reply<T>& reply, nlohmann::json& body);
    void forget();

    ClientOptions m_options;
    std::unique_ptr<httplib::Client> m_client;
    std::string m_session;
    std::string m_advisorId;
};

// Parses one booking of the hub's advisor list; false when a required field is missing.
bool parseAdvisorBooking(const nlohmann::json& j, AdvisorBooking& out);

}  // namespace kiosksync
