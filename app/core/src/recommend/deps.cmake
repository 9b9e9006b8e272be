# The buying guide builds cars with the rules engine, prices them and measures their range.
target_link_libraries(core_recommend PUBLIC core_rules core_pricing core_range)
