package com.leavegateway.sandbox;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.Text;

/**
 * Who the simulated tenant's employees are: ids of Feishu's four shapes and Chinese names
 * with their pinyin, drawn from the directory's random stream in a fixed order (so the
 * same seed always gives the same people).
 */
final class SandboxPeople {

	private static final String[][] SURNAMES = { { "王", "Wang" }, { "李", "Li" }, { "张", "Zhang" }, { "刘", "Liu" },
			{ "陈", "Chen" }, { "杨", "Yang" }, { "黄", "Huang" }, { "赵", "Zhao" }, { "吴", "Wu" }, { "周", "Zhou" },
			{ "徐", "Xu" }, { "孙", "Sun" }, { "马", "Ma" }, { "朱", "Zhu" }, { "胡", "Hu" }, { "郭", "Guo" }, { "何", "He" },
			{ "高", "Gao" }, { "林", "Lin" }, { "罗", "Luo" }, { "郑", "Zheng" }, { "梁", "Liang" }, { "谢", "Xie" },
			{ "宋", "Song" }, { "唐", "Tang" }, { "许", "Xu" }, { "韩", "Han" }, { "冯", "Feng" }, { "邓", "Deng" },
			{ "曹", "Cao" }, { "欧阳", "Ouyang" }, { "司马", "Sima" } };

	private static final String[][] GIVEN = { { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" },
			{ "静", "jing" }, { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
			{ "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" }, { "超", "chao" },
			{ "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" }, { "桂", "gui" }, { "英", "ying" },
			{ "华", "hua" }, { "玉", "yu" }, { "兰", "lan" }, { "建", "jian" }, { "国", "guo" }, { "文", "wen" },
			{ "晓", "xiao" }, { "婷", "ting" }, { "宇", "yu" }, { "浩", "hao" }, { "欣", "xin" }, { "子", "zi" },
			{ "轩", "xuan" }, { "睿", "rui" }, { "思", "si" }, { "雨", "yu" }, { "嘉", "jia" }, { "琪", "qi" } };

	private SandboxPeople() {
	}

	/**
	 * The employee at {@code index}; its ids are added to {@code taken}, which no id of
	 * the directory may repeat.
	 */
	static Employee newEmployee(int index, Random random, Set<String> taken) {
		String corehrId = unique(taken, () -> numericId(random));
		String openId = unique(taken, () -> "ou_" + hex(random, 32));
		String unionId = unique(taken, () -> "on_" + hex(random, 32));
		String userId = unique(taken, () -> shortId(random));
		String[] surname = SURNAMES[random.nextInt(SURNAMES.length)];
		String[] first = GIVEN[random.nextInt(GIVEN.length)];
		String[] second = (random.nextInt(3) > 0) ? GIVEN[random.nextInt(GIVEN.length)] : null;
		String zh = surname[0] + first[0] + ((second != null) ? second[0] : "");
		String given = first[1] + ((second != null) ? second[1] : "");
		String en = Character.toUpperCase(given.charAt(0)) + given.substring(1) + " " + surname[1];
		List<Text> name = (index % 100 == SandboxDirectory.ZH_ONLY_EMPLOYEE) ? List.of(new Text("zh-CN", zh))
				: List.of(new Text("zh-CN", zh), new Text("en-US", en));
		return new Employee(index, corehrId, openId, unionId, userId, name);
	}

	/** The first value of {@code generator} not yet taken, now taken. */
	static String unique(Set<String> taken, Supplier<String> generator) {
		String candidate = generator.get();
		while (!taken.add(candidate)) {
			candidate = generator.get();
		}
		return candidate;
	}

	/** A 19-digit id like Feishu's, starting with 7 as recent ones do. */
	static String numericId(Random random) {
		StringBuilder id = new StringBuilder("7");
		for (int i = 1; i < 19; i++) {
			id.append((char) ('0' + random.nextInt(10)));
		}
		return id.toString();
	}

	private static String hex(Random random, int length) {
		StringBuilder hex = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

	/** A user_id like {@code e1a2b3c4}. */
	private static String shortId(Random random) {
		StringBuilder id = new StringBuilder(8);
		for (int i = 0; i < 4; i++) {
			id.append((char) ('a' + random.nextInt(26))).append((char) ('0' + random.nextInt(10)));
		}
		return id.toString();
	}

}
