add_library(td_warnings INTERFACE)
target_compile_options(td_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual)
if(TD_WERROR)
  target_compile_options(td_warnings INTERFACE -Werror)
endif()
