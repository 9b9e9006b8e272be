#pragma once
// AdvisorDesk: the day's test drives on the advisor screen and the desk's steps (check in, start,
// complete, no-show). With a hub, the advisor signs in with their own id and password and the
// list is the hub's (every kiosk's bookings of the showroom); requests run off the UI thread, one
// at a time. Embedded (no hub), the list is this kiosk's store and steps are applied to it.
// UI thread only; the session token lives in the AdvisorClient and is dropped at sign-out.
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "KioskContent.h"
#include "core/session/SecureString.h"
#include "store/KioskConfig.h"
#include "sync/AdvisorClient.h"

namespace kiosk {

class BookingFlow;

class AdvisorDesk {
public:
    struct Row {
        std::string bookingId;
        std::string time;    // "09:30" or "#3" (queue place)
        std::string name;    // the visitor's name: advisors need it at the desk
        std::string model;   // model id
        std::string status;  // core::toString(BookingStatus)
        std::vector<std::string> actions;  // desk steps allowed now
        int order = 0;                     // queue place, for sorting
    };

    // `flow` may be null (the store could not open, `storeProblem` says why): the desk then says so
    // and lists nothing from this kiosk, but a configured hub's list still works. `config` may be
    // null (the kiosk configuration itself failed).
    AdvisorDesk(BookingFlow* flow, const KioskContent& content, const store::KioskConfig* config,
                std::string storeProblem = "");
    ~AdvisorDesk();
    AdvisorDesk(const AdvisorDesk&) = delete;
    AdvisorDesk& operator=(const AdvisorDesk&) = delete;

    bool viaHub() const { return m_client != nullptr; }
    bool signedIn() const { return m_signedIn; }
    bool busy() const { return m_job.valid(); }
    const std::string& advisorId() const { return m_advisorId; }
    // The code of the last failure ("invalid_credentials", "locked", "offline", "invalid_transition",
    // ...); "" when the last request succeeded.
    const std::string& error() const { return m_error; }

    // Hub only. The password is wiped here once it has been sent.
    void signIn(const std::string& advisorId, core::session::SecureString& password);
    void signOut();
    // Reloads the list for `date` ("YYYY-MM-DD"); the hub's list arrives with poll().
    void refresh(const std::string& date);
    void act(const std::string& bookingId, const std::string& action);
    // Per frame: takes a finished request's result.
    void poll();

    const std::vector<Row>& rows() const { return m_rows; }
    // Staff must see a failing store, never an empty day in its place: why this kiosk's store
    // cannot keep or read bookings ("" when healthy; checked at each refresh), and whether the
    // last list of this kiosk's own bookings failed to read (rows() is then empty, not "none today").
    const std::string& storeProblem() const { return m_storeProblem; }
    bool listFailed() const { return m_listFailed; }

private:
    struct Result {
        enum class Kind { SignIn, List, Act, SignOut } kind = Kind::List;
        bool ok = false;
        std::string error;
        std::vector<Row> rows;  // List
    };
    static Row rowOf(const kiosksync::AdvisorBooking& b);
    static void sortRows(std::vector<Row>& rows);
    void localList(const std::string& date);
    void checkStore();
    void start(std::function<Result()> job);
    void startSignOut();

    BookingFlow* m_flow;
    const KioskContent& m_content;
    std::shared_ptr<kiosksync::AdvisorClient> m_client;  // null when embedded
    std::future<Result> m_job;
    bool m_signedIn = false;
    bool m_signOutPending = false;  // locked while a request ran: sign out once it ends
    std::string m_advisorId;
    std::string m_error;
    std::string m_date;
    std::vector<Row> m_rows;
    std::string m_openProblem;   // why the store could not open ("" when it did)
    std::string m_storeProblem;
    bool m_listFailed = false;
};

}  // namespace kiosk
