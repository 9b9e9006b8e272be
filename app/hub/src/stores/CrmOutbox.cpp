#include "hub/store/CrmOutbox.h"

#include <map>

#include "store/Crypto.h"
#include "stores/StoreContext.h"

namespace hub {

void StoreContext::queueCrm(const std::string& bookingId, const std::string& kind, std::int64_t nowMs) {
    for (const auto& adapter : crmAdapters)
        db->run("INSERT INTO crm_outbox(adapter, booking_id, kind, event_id, created_ms) VALUES(?,?,?,?,?) "
                  "ON CONFLICT DO NOTHING",
                  P{adapter, bookingId, kind, store::newUuidV7(nowMs), nowMs});
}

void CrmOutbox::setAdapters(std::vector<std::string> adapters) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.crmAdapters = std::move(adapters);
}

std::vector<OutboxItem> CrmOutbox::claimDue(const std::string& adapter, const std::string& owner, std::int64_t nowMs,
                                           std::int64_t leaseMs, size_t limit) {
    std::lock_guard lock(m_ctx.mutex);
    return m_ctx.write([&] {
        std::vector<OutboxItem> out;
        auto r = m_ctx.db->run(
            "SELECT id, booking_id, kind, event_id, attempts, created_ms FROM crm_outbox o "
            "WHERE adapter = ?1 AND state = 'pending' AND next_attempt_ms <= ?2 AND lease_until_ms <= ?2 "
            "AND NOT EXISTS (SELECT 1 FROM crm_outbox p WHERE p.adapter = o.adapter AND p.booking_id = o.booking_id "
            "AND p.id < o.id AND p.state = 'pending') ORDER BY id LIMIT ?3",
            P{adapter, nowMs, static_cast<std::int64_t>(limit)});
        for (const auto& row : r.rows) {
            auto take = m_ctx.db->run(
                "UPDATE crm_outbox SET lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1 "
                "WHERE id = ? AND state = 'pending' AND lease_until_ms <= ?",
                P{owner, nowMs + leaseMs, row.integer(0), nowMs});
            if (take.affected != 1) continue;
            out.push_back({row.integer(0), adapter, row.text(1), row.text(2), row.text(3), row.integer(4) + 1, row.integer(5)});
        }
        return out;
    });
}

void CrmOutbox::markDelivered(std::int64_t id, std::int64_t nowMs) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        auto r = m_ctx.db->run("SELECT adapter, booking_id, kind FROM crm_outbox WHERE id = ?", P{id});
        m_ctx.db->run("UPDATE crm_outbox SET state = 'delivered', delivered_ms = ?, lease_until_ms = 0, last_error = '' "
                  "WHERE id = ? AND state = 'pending'",
                  P{nowMs, id});
        if (!r.empty())
            m_ctx.audit(nowMs, Principal{"", "crm:" + r.front().text(0), ""}, r.front().text(1), "forward", r.front().text(2));
    });
}

void CrmOutbox::markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptMs) {
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        m_ctx.db->run("UPDATE crm_outbox SET next_attempt_ms = ?, lease_until_ms = 0, last_error = ? WHERE id = ?",
                  P{nextAttemptMs, error.substr(0, 200), id});
    });
}

std::optional<Lead> CrmOutbox::lead(const std::string& bookingId) {
    std::lock_guard lock(m_ctx.mutex);
    auto r = m_ctx.db->run(
        "SELECT booking_id, kiosk_id, model, trim, mode, slot, queue_date, status, queue_place, name, mobile, email, "
        "licence_confirmed, consent_version, contact_permission, config_code, created_ms, withdrawn_ms, purged_ms "
        "FROM bookings WHERE booking_id = ?",
        P{bookingId});
    if (r.empty()) return std::nullopt;
    const SqlRow& s = r.front();
    Lead l;
    s.read(l.bookingId, l.kioskId, l.model, l.trim, l.mode, l.slot, l.queueDate, l.status, l.queuePlace, l.name, l.mobile,
           l.email, l.licenceConfirmed, l.consentVersion, l.contactPermission, l.configCode, l.createdMs, l.withdrawnMs,
           l.purgedMs);
    l.name = m_ctx.cipher.open(l.name, l.bookingId, "name");
    l.mobile = m_ctx.cipher.open(l.mobile, l.bookingId, "mobile");
    l.email = m_ctx.cipher.open(l.email, l.bookingId, "email");
    return l;
}

std::vector<AdapterStatus> CrmOutbox::status() {
    std::lock_guard lock(m_ctx.mutex);
    std::map<std::string, AdapterStatus> by;
    auto r = m_ctx.db->run("SELECT adapter, state, count(*), max(last_error) FROM crm_outbox GROUP BY adapter, state");
    for (const auto& row : r.rows) {
        AdapterStatus& a = by[row.text(0)];
        a.adapter = row.text(0);
        const std::string state = row.text(1);
        if (state == "pending") {
            a.pending = row.integer(2);
            a.lastError = row.text(3);
        } else if (state == "delivered") {
            a.delivered = row.integer(2);
        } else {
            a.cancelled += row.integer(2);
        }
    }
    std::vector<AdapterStatus> out;
    for (auto& [k, v] : by) out.push_back(v);
    return out;
}

std::vector<Lead> CrmOutbox::leadsBetween(std::int64_t fromMs, std::int64_t toMs, const std::string& who,
                                         std::int64_t nowMs) {
    std::vector<std::string> ids;
    {
        std::lock_guard lock(m_ctx.mutex);
        auto r = m_ctx.db->run("SELECT booking_id FROM bookings WHERE received_ms >= ? AND received_ms < ? ORDER BY received_ms, booking_id",
                           P{fromMs, toMs});
        for (const auto& row : r.rows) ids.push_back(row.text(0));
    }
    std::vector<Lead> out;
    for (const auto& id : ids)
        if (auto l = lead(id)) out.push_back(*l);
    std::lock_guard lock(m_ctx.mutex);
    m_ctx.write([&] {
        for (const auto& l : out) m_ctx.audit(nowMs, Principal{"", "export:" + who, ""}, l.bookingId, "export", "csv");
    });
    return out;
}

}  // namespace hub
