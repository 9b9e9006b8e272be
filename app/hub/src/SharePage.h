#pragma once
// SharePage: the server-rendered HTML of a share link, built for a phone and complete without
// JavaScript: the car (colour swatch and silhouette), its options, every price line with its
// source and the totals as the kiosk showed them, the quote's dates, range and charging, the
// default finance offer's monthly payment, the showroom, and the call-back form. No third-party
// script, font or tracker; inline CSS only. Every price cell carries data-minor (the amount in
// minor units) for machines. Pure functions.
#include <map>
#include <string>
#include <vector>

#include "ShareQuote.h"

namespace hub {

// The call-back form as the page shows it: the values typed (echoed only in the POST answer's
// body, never in a URL) and the problems by field.
struct CallbackForm {
    std::string requestId;  // hidden field: the lead's id
    std::string name, mobile, time;
    bool consent = false, marketing = false;
    std::map<std::string, std::string> errors;  // field -> ui string key
    bool sent = false;                          // the request was stored: the page thanks instead
};

struct SharePageInput {
    const ShareContent& content;
    const SharedQuote& quote;
    std::string language;
    std::string quotedParam;  // the link's d=YYYY-MM-DD ("" when none), kept in the page's own links
    const CallbackForm& form;
    std::vector<std::pair<std::string, std::string>> timeChoices;  // value, label
    std::string marketingText;  // the separate marketing choice's words (booking content)
};

std::string renderSharePage(const SharePageInput& in);
// The friendly page for a code that does not decode, or too many requests (`messageKey`).
std::string renderShareNotice(const core::Catalog& catalog, const std::string& language, const std::string& titleKey,
                              const std::string& messageKey);
// Escapes text for HTML content and attribute values (core::escapeMarkup).
std::string htmlEscape(const std::string& text);

}  // namespace hub
