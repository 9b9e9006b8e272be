#pragma once
// CustomerSession: everything one customer's visit puts in the kiosk's memory: language, the car
// being configured, and the booking form with personal data. reset() returns it to a fresh
// visit and overwrites the personal fields. Owned by the App; UI thread only.
#include <string>

#include "core/Configuration.h"
#include "core/session/SecureString.h"

namespace core::session {

struct BookingForm {
    SecureString name;
    SecureString mobile;
    SecureString email;
    bool licenceConfirmed = false;
    bool consentBooking = false;   // needed to book: the purpose the data is used for
    bool consentContact = false;   // separate and never pre-ticked: may the dealer contact them later
    bool hasPersonalData() const { return !name.empty() || !mobile.empty() || !email.empty(); }
    void wipe();
};

// The home-charger site-survey request: who to call and where, with its own consent.
struct SurveyForm {
    SecureString name;
    SecureString mobile;
    SecureString district;          // residential area or compound, optional
    bool consentSurvey = false;     // needed: the purpose (arranging the survey with the installer)
    bool consentContact = false;    // separate and never pre-ticked
    bool hasPersonalData() const { return !name.empty() || !mobile.empty() || !district.empty(); }
    void wipe();
};

struct CustomerSession {
    std::string language;
    std::string screen = "attract";
    std::string modelId;
    Configuration configuration;
    BookingForm form;
    SurveyForm survey;
    std::string configurationCode;  // shown in the QR code
    double startedAtSeconds = 0;

    // A fresh visit in `language`: every field back to its default, personal data overwritten.
    void reset(const std::string& defaultLanguage);
    bool hasPersonalData() const { return form.hasPersonalData() || survey.hasPersonalData(); }
};

}  // namespace core::session
