# rpki/io.cmake — the VRP/ASPA readers and writers (reader.h, writer.h) and their tests; included
# by CMakeLists.txt, which adds RPKI_IO_SRCS to manrs::rpki and builds rpki_io_test.
set(RPKI_IO_SRCS
  reader.cpp
  writer.cpp
  io_common.cpp
  io_json.cpp
  io_csv.cpp
  io_text.cpp
  io_bird.cpp
  io_openbgpd.cpp)
set(RPKI_IO_TESTS
  reader_test.cpp
  writer_test.cpp
  reader_hostile_test.cpp)
