#pragma once
// The lead formats the hub forwards to a dealer's CRM: ADF/XML 1.0 (one document per lead, valid
// against the ADF 1.0 DTD), the project's canonical JSON lead document (version 1, schema in
// docs/schemas/lead-v1.schema.json) and CSV for a manual import. Plus the webhook signature
// (HMAC-SHA256 over "timestamp.body") and its verification for receivers. Pure; any thread.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/TimeZone.h"
#include "hub/HubSettings.h"
#include "hub/HubStore.h"

namespace hub::crm {

constexpr int kLeadDocumentVersion = 1;

// ADF 1.0. `resend` sets prospect status="resend" (same id, same requestdate). A withdrawal is a
// resend whose customer carries no personal data and whose comments ask the CRM to erase it.
std::string leadToAdf(const Lead& lead, const std::string& kind, bool resend, const HubSettings& settings,
                      const core::Catalog& catalog);

// The canonical lead document: {"schema": "kiosk-lead", "version": 1, "event": "lead.created" |
// "lead.withdrawn", "event_id", "lead": {...}}.
nlohmann::json leadToJson(const Lead& lead, const std::string& kind, const std::string& eventId,
                          const HubSettings& settings, const core::Catalog& catalog);

// CSV (RFC 4180, UTF-8, header row); cells that a spreadsheet would run as a formula are prefixed
// with an apostrophe. Times are showroom times in `zone` (the market's) with their offset.
std::string leadsToCsv(const std::vector<Lead>& leads, const core::TimeZone& zone);

// Every time in a lead is the showroom's civil time in the market's zone (Market::timeZone) with
// the offset in force at that instant, so a Berlin lead says +01:00 in winter and +02:00 in summer.
// "2030-06-07T10:00" (showroom local) + minutes -> "2030-06-07T10:45:00+08:00".
std::string localToIso(const std::string& localDateTime, int plusMinutes, const core::TimeZone& zone);
// UTC milliseconds -> "2030-06-07T10:00:00+08:00" (ADF requestdate form).
std::string utcMsToIso(std::int64_t utcMs, const core::TimeZone& zone);

// Webhook signature: lower-case hex HMAC-SHA256(secret, timestamp + "." + body), sent as
// "X-Lead-Signature: v1=<hex>" with "X-Lead-Timestamp: <unix seconds>".
std::string webhookSignature(const std::string& secret, const std::string& timestamp, const std::string& body);

enum class WebhookCheck { Ok, MissingHeaders, BadTimestamp, StaleTimestamp, BadSignature };
const char* toString(WebhookCheck check);
// The receiving side: the signature must match (constant-time compare) and the timestamp must be
// within `toleranceS` of `nowS`, so a captured request cannot be replayed later.
WebhookCheck verifyWebhook(const std::string& secret, const std::string& timestampHeader,
                           const std::string& signatureHeader, const std::string& body, std::int64_t nowS,
                           std::int64_t toleranceS = 300);

}  // namespace hub::crm
