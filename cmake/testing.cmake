# td_add_test(name SOURCES a.cpp b.cpp LIBS lib1 lib2): one test executable, discovered by ctest.
function(td_add_test name)
  # SERIAL: a test that measures latency runs alone, so that another test's load is not its result.
  cmake_parse_arguments(ARG "SERIAL" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main td_warnings)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "TD_SOURCE_DIR=${PROJECT_SOURCE_DIR};TD_BINARY_DIR=${PROJECT_BINARY_DIR}"
               RUN_SERIAL ${ARG_SERIAL})
endfunction()
