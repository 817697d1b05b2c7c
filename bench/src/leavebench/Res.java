package leavebench;



/** One HTTP answer as a client saw it: status, body, time taken and the instant it was sent. */
record Res(int status, String body, long nanos, long started) {

	Res(int status, String body, long nanos) {
		this(status, body, nanos, 0);
	}

	int employees() {
		int count = 0;
		for (int i = this.body.indexOf("\"employeeId\""); i >= 0; i = this.body.indexOf("\"employeeId\"", i + 1)) {
			count++;
		}
		return count;
	}

}
