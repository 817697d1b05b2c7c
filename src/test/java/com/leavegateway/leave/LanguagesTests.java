package com.leavegateway.leave;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguagesTests {

	private static final Map<String, String> NAMES = names("zh-CN", "张三", "en-US", "Zhang San", "ja-JP", "チョウ");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			en-US                  | Zhang San
			en-us                  | Zhang San
			en                     | Zhang San
			en-GB, en;q=0.8        | Zhang San
			fr                     | 张三
			fr, ja;q=0.5           | チョウ
			ja;q=0.2, en;q=0.9     | Zhang San
			zh-CN                  | 张三
			zh                     | 张三
			*                      | 张三
			'   '                  | 张三
			;;;not a header        | 张三
			""")
	void picksByAcceptLanguageElseZhCn(String acceptLanguage, String expected) {
		assertThat(Languages.pick(NAMES, acceptLanguage)).isEqualTo(expected);
	}

	@Test
	void noHeaderMeansZhCn() {
		assertThat(Languages.pick(NAMES, null)).isEqualTo("张三");
	}

	@Test
	void zhCnIsTheFallbackWhereverFeishuListsIt() {
		Map<String, String> zhLast = names("ja-JP", "チョウ", "en-US", "Zhang San", "zh-CN", "张三");
		assertThat(Languages.pick(zhLast, null)).isEqualTo("张三");
		assertThat(Languages.pick(zhLast, "fr")).isEqualTo("张三");
		assertThat(Languages.pick(zhLast, "en")).isEqualTo("Zhang San");
	}

	@Test
	void withoutZhCnAnyTextRatherThanNone() {
		assertThat(Languages.pick(names("en-US", "Zhang San"), null)).isEqualTo("Zhang San");
		assertThat(Languages.pick(names("en-US", "Zhang San"), "fr")).isEqualTo("Zhang San");
		assertThat(Languages.pick(names("ja-JP", "チョウ", "en-US", "Zhang San"), "de")).isEqualTo("チョウ");
	}

	@Test
	void noTextsNoName() {
		assertThat(Languages.pick(Map.of(), "en-US")).isNull();
		assertThat(Languages.pick(Map.of(), null)).isNull();
	}

	private static Map<String, String> names(String... languageAndText) {
		Map<String, String> names = new LinkedHashMap<>();
		for (int i = 0; i < languageAndText.length; i += 2) {
			names.put(languageAndText[i], languageAndText[i + 1]);
		}
		return names;
	}

}
