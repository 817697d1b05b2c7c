package leavebench;



/**
 * One HTTP answer as a client saw it: status, body, time taken, the instant it was sent, and its Cache-Status header
 * (null when it had none, or the client did not read headers).
 */
record Res(int status, String body, long nanos, long started, String cacheStatus) {

	Res(int status, String body, long nanos, long started) {
		this(status, body, nanos, started, null);
	}

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
