#include "AdvisorDesk.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "BookingFlow.h"

namespace kiosk {
namespace {

std::string failure(const std::string& error, int status) {
    if (status == 0) return "offline";
    return error.empty() ? "http_" + std::to_string(status) : error;
}

}  // namespace

AdvisorDesk::AdvisorDesk(BookingFlow* flow, const KioskContent& content, const store::KioskConfig* config,
                         std::string storeProblem)
    : m_flow(flow), m_content(content), m_openProblem(std::move(storeProblem)) {
    if (!m_flow && m_openProblem.empty()) m_openProblem = "the booking database could not be opened";
    m_storeProblem = m_openProblem;
    if (config && config->hasHub()) {
        kiosksync::ClientOptions o;
        o.hubUrl = config->hubUrl;
        o.token = config->hubToken;
        o.caFile = config->hubCaFile;
        m_client = std::make_shared<kiosksync::AdvisorClient>(std::move(o));
    }
}

AdvisorDesk::~AdvisorDesk() {
    if (m_job.valid()) m_job.wait();
    if (m_client && m_client->signedIn()) m_client->logout();
}

void AdvisorDesk::start(std::function<Result()> job) {
    m_job = std::async(std::launch::async, std::move(job));
}

AdvisorDesk::Row AdvisorDesk::rowOf(const kiosksync::AdvisorBooking& b) {
    Row r;
    r.bookingId = b.bookingId;
    r.time = b.mode == "queue" ? "#" + std::to_string(b.queuePlace) : (b.slot.size() >= 16 ? b.slot.substr(11) : b.slot);
    r.name = b.name;
    r.model = b.model;
    r.status = b.status;
    r.order = b.queuePlace;
    if (auto st = core::bookingStatusFromString(b.status)) r.actions = core::deskActions(*st);
    // A call-back asked for on the share page: a phone call to make, no test-drive steps.
    if (b.mode == "callback") {
        r.status = "callback";
        r.actions.clear();
    }
    return r;
}

void AdvisorDesk::signIn(const std::string& advisorId, core::session::SecureString& password) {
    if (!m_client || busy()) return;
    auto client = m_client;
    // The password moves into the job (no copy stays here) and is wiped when the job ends.
    auto secret = std::make_shared<core::session::SecureString>(std::move(password));
    m_advisorId = advisorId;
    m_signOutPending = false;
    start([client, advisorId, secret] {
        Result r;
        r.kind = Result::Kind::SignIn;
        auto reply = client->login(advisorId, secret->view());
        secret->wipe();
        r.ok = reply.ok();
        if (!r.ok) r.error = failure(reply.error, reply.status);
        return r;
    });
}

void AdvisorDesk::signOut() {
    m_rows.clear();
    m_signedIn = false;
    m_error.clear();
    m_advisorId.clear();
    if (!m_client) return;
    // Never two requests on one client, and never a wait on the UI thread: a request in flight
    // finishes first, then poll() sends the sign-out.
    if (busy()) {
        m_signOutPending = true;
        return;
    }
    startSignOut();
}

void AdvisorDesk::startSignOut() {
    m_signOutPending = false;
    auto client = m_client;
    start([client] {
        client->logout();
        return Result{Result::Kind::SignOut, true, "", {}};
    });
}

void AdvisorDesk::checkStore() {
    if (!m_flow) return;
    const core::StoreHealth health = m_flow->health();
    m_storeProblem = health.ok ? "" : health.problem;
}

void AdvisorDesk::localList(const std::string& date) {
    m_rows.clear();
    m_listFailed = !m_flow;
    if (!m_flow) return;
    std::vector<store::StoredBooking> stored;
    try {
        stored = m_flow->bookings();
    } catch (const std::exception& e) {
        // A damaged store: say so, never "no bookings today".
        m_listFailed = true;
        m_storeProblem = std::string("the bookings cannot be read: ") + e.what();
        std::fprintf(stderr, "kiosk: advisor desk: %s\n", m_storeProblem.c_str());
        return;
    }
    for (const auto& b : stored) {
        const core::Booking& k = b.booking;
        if (k.slot.rfind(date, 0) != 0 && k.queueDate != date) continue;
        Row r;
        r.bookingId = k.id;
        r.time = k.mode == core::BookingMode::Queue ? "#" + std::to_string(k.queuePlace) : k.slot.substr(11);
        r.name = b.purged ? "—" : k.name;
        r.model = k.model;
        r.status = core::toString(b.status);
        r.actions = core::deskActions(b.status);
        r.order = k.mode == core::BookingMode::Queue ? k.queuePlace : 0;
        m_rows.push_back(std::move(r));
    }
    sortRows(m_rows);
}

void AdvisorDesk::sortRows(std::vector<Row>& rows) {
    // Slots by time, then the walk-up queue by place: the order the day runs in.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        const bool aq = a.time.rfind('#', 0) == 0, bq = b.time.rfind('#', 0) == 0;
        if (aq != bq) return !aq;
        return aq ? a.order < b.order : a.time < b.time;
    });
}

void AdvisorDesk::refresh(const std::string& date) {
    m_date = date;
    checkStore();
    if (!m_client) {
        localList(date);
        return;
    }
    if (!m_signedIn || busy()) return;
    auto client = m_client;
    start([client, date] {
        Result r;
        r.kind = Result::Kind::List;
        auto reply = client->bookings(date);
        r.ok = reply.ok();
        if (!r.ok) r.error = failure(reply.error, reply.status);
        else
            for (const auto& b : *reply.value) r.rows.push_back(rowOf(b));
        sortRows(r.rows);
        return r;
    });
}

void AdvisorDesk::act(const std::string& bookingId, const std::string& action) {
    if (!m_client) {
        const std::string error = m_flow ? m_flow->deskStep(bookingId, action, nowMs()) : "unavailable";
        m_error = error;
        localList(m_date);
        return;
    }
    if (!m_signedIn || busy()) return;
    auto client = m_client;
    start([client, bookingId, action] {
        Result r;
        r.kind = Result::Kind::Act;
        auto reply = client->act(bookingId, action);
        r.ok = reply.ok();
        if (!r.ok) r.error = failure(reply.error, reply.status);
        return r;
    });
}

void AdvisorDesk::poll() {
    if (!m_job.valid() || m_job.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    Result r;
    try {
        r = m_job.get();
    } catch (const std::exception& e) {
        // A malformed answer must not end the visit: the desk says it did not work.
        r.ok = false;
        r.error = "other";
        std::fprintf(stderr, "kiosk: advisor desk: %s\n", e.what());
    }
    if (m_signOutPending) {
        // Locked while this request ran: drop its result and end the session at the hub.
        startSignOut();
        return;
    }
    m_error = r.ok ? "" : r.error;
    switch (r.kind) {
        case Result::Kind::SignIn:
            m_signedIn = r.ok;
            if (!r.ok) m_advisorId.clear();
            else refresh(m_date);
            break;
        case Result::Kind::List:
            if (r.ok) m_rows = std::move(r.rows);
            else if (!m_client->signedIn()) m_signedIn = false;  // the session ended at the hub
            break;
        case Result::Kind::Act:
            if (!r.ok && !m_client->signedIn()) m_signedIn = false;
            refresh(m_date);  // the list as it is now, changed here or elsewhere
            break;
        case Result::Kind::SignOut:
            break;
    }
}

}  // namespace kiosk
