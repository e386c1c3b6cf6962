// rtr/pdu_test.cpp — RTR PDU codec tests (being written).
