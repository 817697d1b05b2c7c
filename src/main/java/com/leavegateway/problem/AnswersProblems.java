package com.leavegateway.problem;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint can answer. The API document lists them by status, each with
 * an example built by {@link Problems#example} from the same {@link ProblemCode} the
 * answer is built from.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AnswersProblems {

	ProblemCode[] value();

}
