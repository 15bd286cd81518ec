/*
 * test_langid.c - language identification from text (lib/analyze/langid.c).
 * The sentences are written for this test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/langid.h"

static void expect(const char *text, const char *code)
{
	double conf = -1;
	const char *got = sr_langid(text, strlen(text), &conf);
	if (!code) {
		assert_null(got);
		return;
	}
	if (!got || strcmp(got, code) != 0)
		print_error("text \"%.40s...\": expected %s, got %s\n", text, code,
			    got ? got : "NULL");
	assert_non_null(got);
	assert_string_equal(got, code);
	assert_true(conf > 0 && conf <= 1);
}

static void test_latin(void **state)
{
	(void)state;
	expect("The minister said on Tuesday that the office would open in the spring and that "
	       "it will be the first of its kind in the region.", "en");
	expect("Der Minister sagte am Dienstag, dass das Büro im Frühjahr eröffnet wird und "
	       "dass es das erste seiner Art in der Region sein wird.", "de");
	expect("Le ministre a déclaré mardi que le bureau ouvrira au printemps et qu'il sera le "
	       "premier de ce type dans la région.", "fr");
	expect("El ministro dijo el martes que la oficina abrirá en primavera y que será la "
	       "primera de su tipo en la región.", "es");
	expect("Il ministro ha detto martedì che l'ufficio aprirà in primavera e che sarà il "
	       "primo del suo genere nella regione.", "it");
	expect("O ministro disse na terça-feira que o escritório vai abrir na primavera e que "
	       "será o primeiro do seu tipo na região.", "pt");
	expect("De minister zei dinsdag dat het kantoor in het voorjaar opent en dat het de "
	       "eerste in zijn soort in de regio is.", "nl");
	expect("Minister powiedział we wtorek, że biuro zostanie otwarte wiosną i że będzie to "
	       "pierwsze takie biuro w regionie.", "pl");
	expect("Bakan salı günü yaptığı açıklamada ofisin baharda açılacağını ve bölgede bu "
	       "türün ilk ofisi olacağını söyledi, ama tarih için bir şey demedi.", "tr");
	expect("Ministern sa på tisdagen att kontoret ska öppna i vår och att det blir det "
	       "första i sitt slag i regionen.", "sv");
}

static void test_scripts(void **state)
{
	(void)state;
	expect("قال الوزير يوم الثلاثاء إن المكتب سيفتح في الربيع وإنه سيكون الأول من نوعه في "
	       "المنطقة.", "ar");
	expect("Министр заявил во вторник, что офис откроется весной и станет первым в своём "
	       "роде в регионе.", "ru");
	expect("Міністр заявив у вівторок, що офіс відкриється навесні і стане першим у "
	       "регіоні.", "uk");
	expect("部长周二表示，该办事处将于春季开放，这将是该地区第一个此类办事处。", "zh");
	expect("大臣は火曜日、事務所は春に開設され、この地域で初めてのものになると述べた。",
	       "ja");
	expect("장관은 화요일 사무소가 봄에 문을 열 것이며 이 지역에서 처음이 될 것이라고 "
	       "말했다.", "ko");
	expect("Ο υπουργός δήλωσε την Τρίτη ότι το γραφείο θα ανοίξει την άνοιξη.", "el");
}

static void test_unclear(void **state)
{
	(void)state;
	expect("", NULL);
	expect("NATO 2024", NULL);
	expect("Xyzzy plugh qwerty asdfgh zxcvbn mnbvcx lkjhgf poiuyt", NULL);
	assert_null(sr_langid(NULL, 0, NULL));
	/* invalid bytes are letters of no script, never a crash */
	const char bad[] = "\xff\xfe the office \xc3 of the minister and the region \x80";
	assert_string_equal(sr_langid(bad, sizeof(bad) - 1, NULL), "en");
}

/* a mostly English page quoting a German sentence is still English */
static void test_mixed(void **state)
{
	(void)state;
	expect("The chancellor told reporters in Berlin that the talks had been difficult. "
	       "\"Wir sind noch nicht am Ziel\", she said, adding that the next round of talks "
	       "would take place in the spring and that she was confident of an agreement.",
	       "en");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latin),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_unclear),
		cmocka_unit_test(test_mixed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
