/** Russian: member profiles. */
export const profile = {
  profile: {
    heading: "Профиль",
    school: "Школа",
    subjects: "Предметы",
    networks: "Сети",
    asked: "Вопросов задано",
    answered: "Ответов дано",
    accepted: "Ответов принято",
    helpedMost: "Где помогает больше всего",
    recentQuestions: "Последние вопросы",
    edit: "Изменить профиль",
  },
} as const;
