#include "core/session/CustomerSession.h"

namespace core::session {

void BookingForm::wipe() {
    name.wipe();
    mobile.wipe();
    email.wipe();
    licenceConfirmed = consentBooking = consentContact = false;
}

void SurveyForm::wipe() {
    name.wipe();
    mobile.wipe();
    district.wipe();
    consentSurvey = consentContact = false;
}

void CustomerSession::reset(const std::string& defaultLanguage) {
    form.wipe();
    survey.wipe();
    language = defaultLanguage;
    screen = "attract";
    modelId.clear();
    configuration = Configuration{};
    configurationCode.clear();
    startedAtSeconds = 0;
}

}  // namespace core::session
