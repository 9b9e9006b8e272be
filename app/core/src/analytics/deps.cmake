# Days in showroom-local time come from the booking module's date arithmetic.
target_link_libraries(core_analytics PUBLIC core_booking)
