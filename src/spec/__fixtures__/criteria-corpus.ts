/**
 * Real acceptance criteria from public repositories, for measuring JIG-S010's
 * precision and recall (src/spec/criteria-corpus.test.ts). Each entry names its
 * source as `owner/repo:path`. Gherkin scenarios are normalised to one
 * criterion per Then step, joined with the scenario's first Given and the last
 * When before it ("Given ..., when ..., then ..."); EARS and spec-kit items are
 * kept as written. `testable` is a person's label: true when a test could
 * observe the outcome as written, whatever words it uses.
 */

/** One labelled criterion. */
export interface CorpusCriterion {
  text: string;
  testable: boolean;
  /** `owner/repo:path` of the public file it was taken from. */
  source: string;
}

export const CRITERIA_CORPUS: readonly CorpusCriterion[] = [
  {
    text: 'Given "bob@bob.bob" has commented "is that a poodle?" on "Look at this dog", when I go to the activity stream page, then I should see "Look at this dog"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/activity_stream.feature",
  },
  {
    text: 'Given "bob@bob.bob" has commented "is that a poodle?" on "Look at this dog", when I go to the activity stream page, then I should see "is that a poodle?"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/activity_stream.feature",
  },
  {
    text: 'Given a user with username "bob", when I go to the aspects page, then I should see "Besties" aspect selected',
    testable: true,
    source: "diaspora/diaspora:features/desktop/aspect_navigation.feature",
  },
  {
    text: 'Given a user with username "bob", when I go to the aspects page, then I should see "Unicorns" aspect selected',
    testable: true,
    source: "diaspora/diaspora:features/desktop/aspect_navigation.feature",
  },
  {
    text: 'Given following users exist:, when I sign in as "bob@bob.bob", then I should have 1 contact in "Others"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/auto_follow_back.feature",
  },
  {
    text: 'Given following users exist:, when I am on "alice@alice.alice"\'s page, then I should see "Others" within the contact aspect dropdown',
    testable: true,
    source: "diaspora/diaspora:features/desktop/auto_follow_back.feature",
  },
  {
    text: "Given following users exist:, when I go to the home page, then I should not see any posts in my stream",
    testable: true,
    source: "diaspora/diaspora:features/desktop/blocks_user.feature",
  },
  {
    text: 'Given following users exist:, when I confirm the alert after I click on the profile block button, then I should see "Stop ignoring" within "#unblock_user_button"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/blocks_user.feature",
  },
  {
    text: 'Given I am signed in, when I press "Change password", then I should see "Password changed"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/change_password.feature",
  },
  {
    text: 'Given I am signed in, when I press "Change password", then I should be on the new user session page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/change_password.feature",
  },
  {
    text: 'Given I am signed in, when I press "Change email", then I should see "Email changed"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/change_settings.feature",
  },
  {
    text: 'Given I am signed in, when I press "Change email", then I should see "activated"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/change_settings.feature",
  },
  {
    text: 'Given I am signed in, when I click on selector "#close_account", then I should see a modal',
    testable: true,
    source: "diaspora/diaspora:features/desktop/closes_account.feature",
  },
  {
    text: 'Given I am signed in, when I click on selector "#close_account", then I should see "Hey, please don’t go!" within "#closeAccountModal"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/closes_account.feature",
  },
  {
    text: 'Given following users exist:, when I am on "alice@alice.alice"\'s page, then I should see "Look at this dog"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/comments.feature",
  },
  {
    text: 'Given following users exist:, when I press "Comment", then I should see "is that a poodle?" within ".comment"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/comments.feature",
  },
  {
    text: 'Given following users exist:, when I press "update_profile", then I should be on my edit profile page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/connects_users.feature",
  },
  {
    text: 'Given following users exist:, when I add the person to my "Besties" aspect, then I should see a flash message containing "You have started sharing with <script>alert(0)//!"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/connects_users.feature",
  },
  {
    text: 'Given a user with email "eve@eve.eve", when I am on the conversations page, then I should see "You need to add some contacts before you can start a conversation"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/conversations.feature",
  },
  {
    text: 'Given a user named "Robert Grimm" with email "bob@bob.bob", when I send a message with subject "Greetings" and text "hello, alice!" to "Alice Awesome", then I should see "Greetings" within "#conversation-inbox"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/conversations.feature",
  },
  {
    text: 'Given following user exists:, when I open an external link to the first post of "alice@alice.alice", then I should see "This is a post accessed by an external link"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/diaspora_links_resolve.feature",
  },
  {
    text: 'Given I have configured a Bitcoin address, then I should see "Donate" within ".info-bar"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/donations.feature",
  },
  {
    text: "Given I have configured a Bitcoin address, then I should see the Bitcoin address",
    testable: true,
    source: "diaspora/diaspora:features/desktop/donations.feature",
  },
  {
    text: 'Given I am signed in, when I follow "Settings", then I should be on my account settings page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/download_photos.feature",
  },
  {
    text: 'Given I am signed in, when I follow "Request my photos", then I should see a success flash message containing "We are currently processing your photos"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/download_photos.feature",
  },
  {
    text: 'Given I am signed in, when I press "update_profile", then I should be on my edit profile page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/edits_profile.feature",
  },
  {
    text: 'Given I am signed in, when I press "update_profile", then I should see a flash message indicating success',
    testable: true,
    source: "diaspora/diaspora:features/desktop/edits_profile.feature",
  },
  {
    text: 'Given following users exist:, then I should see "#boss " in the publisher',
    testable: true,
    source: "diaspora/diaspora:features/desktop/follows_tags.feature",
  },
  {
    text: 'Given following users exist:, when I go to the tag page for "boss", then I should see "#boss from the tag page"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/follows_tags.feature",
  },
  {
    text: "when I go to the stream page, then the publisher should be expanded",
    testable: true,
    source: "diaspora/diaspora:features/desktop/getting_started.feature",
  },
  {
    text: 'when I close the publisher, then I should not see "awesome_button"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/getting_started.feature",
  },
  {
    text: 'when I am on the help page, then I should see "diaspora* FAQ"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/help.feature",
  },
  {
    text: 'when I follow "Mentions", then I should see "What is a “mention”?" within ".faq_question_mentions .question"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/help.feature",
  },
  {
    text: 'Given I sign in as "alice@alice.alice", then I should see "public stuff" within ".stream-element"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/hovercards.feature",
  },
  {
    text: 'Given I sign in as "alice@alice.alice", when I activate the first hovercard, then I should see a hovercard',
    testable: true,
    source: "diaspora/diaspora:features/desktop/hovercards.feature",
  },
  {
    text: "Given I have been invited by an admin, then I should be on the getting started page",
    testable: true,
    source: "diaspora/diaspora:features/desktop/invitations.feature",
  },
  {
    text: 'Given I have been invited by an admin, then I should see "Well, hello there!"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/invitations.feature",
  },
  {
    text: 'Given many posts from alice for bob, when I press the "J" key somewhere, then post 1 should be highlighted',
    testable: true,
    source: "diaspora/diaspora:features/desktop/keyboard_navigation.feature",
  },
  {
    text: 'Given many posts from alice for bob, when I press the "J" key somewhere, then I should have navigated to the highlighted post',
    testable: true,
    source: "diaspora/diaspora:features/desktop/keyboard_navigation.feature",
  },
  {
    text: "Given following users exist:, then I should not have activated notifications for the post",
    testable: true,
    source: "diaspora/diaspora:features/desktop/likes.feature",
  },
  {
    text: 'Given following users exist:, when I like the post "I like unicorns" in the stream, then the post "I like unicorns" should have the "Unlike" action available',
    testable: true,
    source: "diaspora/diaspora:features/desktop/likes.feature",
  },
  {
    text: 'Given a user named "Bob Jones" with email "bob@bob.bob", when I am on "bob@bob.bob"\'s page, then I should see "public stuff" within "body"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/logged_out_browsing.feature",
  },
  {
    text: 'Given a user named "Bob Jones" with email "bob@bob.bob", when I am on "bob@bob.bob"\'s page, then page should not have ".media .control-icons"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/logged_out_browsing.feature",
  },
  {
    text: 'Given a user with username "ohai" and password "secret", when I sign in manually as "ohai" with password "secret", then I should be on the stream page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/logs_in_and_out.feature",
  },
  {
    text: "Given I am signed in, then I should be on the new user session page",
    testable: true,
    source: "diaspora/diaspora:features/desktop/logs_in_and_out.feature",
  },
  {
    text: 'Given I am signed in, then I should see "Dorm Mates" within "#aspect_nav"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/manages_aspects.feature",
  },
  {
    text: 'Given I am signed in, when I click on selector ".btn-primary" in the aspect creation modal, then I should be on the contacts page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/manages_aspects.feature",
  },
  {
    text: 'Given following user exists:, when I click the publisher and post "[title](https://example.com/file.ogv)", then I should see a HTML5 video player',
    testable: true,
    source: "diaspora/diaspora:features/desktop/media-embed.feature",
  },
  {
    text: 'Given following user exists:, when I click the publisher and post "[title](https://example.com/file.ogg)", then I should see a HTML5 audio player',
    testable: true,
    source: "diaspora/diaspora:features/desktop/media-embed.feature",
  },
  {
    text: 'Given following users exist:, when I follow "Bob Jones", then I should see "Bob Jones"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/mentions.feature",
  },
  {
    text: 'Given following users exist:, when I press "Share", then I should see "Bob Jones" within ".stream-element"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/mentions.feature",
  },
  {
    text: 'Given I am on "alice@alice.alice"\'s page, then I should see a flash message indicating success',
    testable: true,
    source: "diaspora/diaspora:features/desktop/mentions_from_profile_page.feature",
  },
  {
    text: 'Given I am on "alice@alice.alice"\'s page, when I follow "PostingTo" within "#aspects_list", then I should see "I am eating a yogurt"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/mentions_from_profile_page.feature",
  },
  {
    text: "Given following users exist:, when I submit the form, then I should be on the edit profile page",
    testable: true,
    source: "diaspora/diaspora:features/desktop/not_safe_for_work.feature",
  },
  {
    text: 'Given following users exist:, when I submit the form, then the "profile[nsfw]" checkbox should be checked',
    testable: true,
    source: "diaspora/diaspora:features/desktop/not_safe_for_work.feature",
  },
  {
    text: 'Given That following users:, when I follow "Notifications" in the header, then the notification dropdown should be visible',
    testable: true,
    source: "diaspora/diaspora:features/desktop/notifications.feature",
  },
  {
    text: 'Given That following users:, when I follow "Notifications" in the header, then I should see "started sharing with you"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/notifications.feature",
  },
  {
    text: 'Given I expand the publisher, when I click the publisher and post "http://youtube.com/watch?v=M3r2XDceM6A&format=json", then I should see a video player',
    testable: true,
    source: "diaspora/diaspora:features/desktop/oembed.feature",
  },
  {
    text: 'Given I expand the publisher, when I follow "My aspects", then I should not see a video player',
    testable: true,
    source: "diaspora/diaspora:features/desktop/oembed.feature",
  },
  {
    text: 'Given a user with username "kent", when I sign in as "kent@kent.kent", then I should see a message containing "Invalid client id or redirect uri"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/oidc_auth_code_flow.feature",
  },
  {
    text: 'Given a user with username "kent", when I deny authorization to the client, then I should not see any tokens in the redirect url',
    testable: true,
    source: "diaspora/diaspora:features/desktop/oidc_auth_code_flow.feature",
  },
  {
    text: 'Given a user with username "alice", when I press the attached image, then I should see the photo lightbox',
    testable: true,
    source: "diaspora/diaspora:features/desktop/photo_gallery.feature",
  },
  {
    text: 'Given a user with username "alice", when I press the close lightbox link, then I should not see the photo lightbox',
    testable: true,
    source: "diaspora/diaspora:features/desktop/photo_gallery.feature",
  },
  {
    text: 'Given I expand the publisher, when I preview the post, then I should see "I am eating yogurt" in the preview',
    testable: true,
    source: "diaspora/diaspora:features/desktop/post_preview.feature",
  },
  {
    text: 'Given I expand the publisher, when I preview the post, then I should see "This preview rocks" in the preview',
    testable: true,
    source: "diaspora/diaspora:features/desktop/post_preview.feature",
  },
  {
    text: 'Given "#poll_creator_container" is hidden, when I expand the publisher, then I should see an element "#poll_creator"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/post_with_a_poll.feature",
  },
  {
    text: 'Given "#poll_creator_container" is hidden, when I click on selector "#poll_creator", then I should see an element "#poll_creator_container"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/post_with_a_poll.feature",
  },
  {
    text: 'Given ".markdownIndications" is hidden, when I expand the publisher, then I should see "You can use Markdown to format your post" within ".markdownIndications"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_main_page.feature",
  },
  {
    text: 'Given ".markdownIndications" is hidden, when I expand the publisher, then I should see "All aspects" within ".options_and_submit"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_main_page.feature",
  },
  {
    text: 'Given I expand the publisher, then "I want to understand people" should be post 1',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_profile_page.feature",
  },
  {
    text: 'Given I expand the publisher, when I go to the home page, then "I want to understand people" should be post 1',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_profile_page.feature",
  },
  {
    text: 'Given a user with username "alice", when I press "Share", then "#cats I like cats." should be post 1',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_tag_page.feature",
  },
  {
    text: 'Given a user with username "alice", when I go to the home page, then "#cats I like cats." should be post 1',
    testable: true,
    source: "diaspora/diaspora:features/desktop/posts_from_tag_page.feature",
  },
  {
    text: 'Given following users exist:, when I press the first "#photos_link", then I should be on person_photos page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/profile_photos.feature",
  },
  {
    text: 'Given following users exist:, when I am on "robert@grimm.grimm"\'s page, then I should not see "Photos" within "#profile-horizontal-bar"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/profile_photos.feature",
  },
  {
    text: 'Given following users exist:, when I am on the public stream page, then I should see "Bob’s public post"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/public_stream.feature",
  },
  {
    text: 'Given I am on the new user registration page, when I press "Create account", then I should be on the getting started page',
    testable: true,
    source: "diaspora/diaspora:features/desktop/registrations.feature",
  },
  {
    text: "Given I am on the new user registration page, when I press \"Create account\", then I should see the 'getting started' contents",
    testable: true,
    source: "diaspora/diaspora:features/desktop/registrations.feature",
  },
  {
    text: 'Given I sign in as "alice@alice.alice", when I click to report the post, then I should see the report modal',
    testable: true,
    source: "diaspora/diaspora:features/desktop/report.feature",
  },
  {
    text: 'Given I sign in as "alice@alice.alice", when I click to report the post, then I should see "Please only report content that violates"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/report.feature",
  },
  {
    text: 'Given I sign in as "alice@alice.alice", then I should see a success flash message containing "successfully"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/reshare.feature",
  },
  {
    text: 'Given the post with text "reshare this!" is reshared by "eve@eve.eve", then I should see a success flash message containing "successfully"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/reshare.feature",
  },
  {
    text: 'Given following users exist:, when I enter "Alice Sm" in the search input, then I should see "Alice Smith" within ".tt-menu"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/search.feature",
  },
  {
    text: 'Given following users exist:, when I click on the first search result, then I should see "Alice Smith" within ".profile_header #name"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/search.feature",
  },
  {
    text: "Given I post an extremely long status message, then the post should be collapsed",
    testable: true,
    source: "diaspora/diaspora:features/desktop/show_more.feature",
  },
  {
    text: "Given I post an extremely long status message, then the post should be expanded",
    testable: true,
    source: "diaspora/diaspora:features/desktop/show_more.feature",
  },
  {
    text: "Given following users exist:, when I confirm the alert after I click to hide the post, then I should be on the stream page",
    testable: true,
    source: "diaspora/diaspora:features/desktop/single_post_view_moderation.feature",
  },
  {
    text: "Given following users exist:, when I confirm the alert after I click to block the user, then I should be on the stream page",
    testable: true,
    source: "diaspora/diaspora:features/desktop/single_post_view_moderation.feature",
  },
  {
    text: 'Given following users:, when I go to the home page, then I should have 0 contacts in "Besties"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/stops_following_users.feature",
  },
  {
    text: 'Given following users:, when I am on "bob@bob.bob"\'s page, then I should not see "is sharing with you."',
    testable: true,
    source: "diaspora/diaspora:features/desktop/stops_following_users.feature",
  },
  {
    text: 'Given a user with email "alice@test.com", when I press "Activate", then I should see "Confirm activation"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/two_factor_authentication.feature",
  },
  {
    text: 'Given a user with email "alice@test.com", when I press "Confirm and activate", then I should see "Two-factor authentication activated"',
    testable: true,
    source: "diaspora/diaspora:features/desktop/two_factor_authentication.feature",
  },
  {
    text: "Given following users exist:, when I go to the user applications page, then I should see 2 authorized applications",
    testable: true,
    source: "diaspora/diaspora:features/desktop/user_applications.feature",
  },
  {
    text: "Given following users exist:, when I go to the user applications page, then I should see 1 authorized applications with no provided image",
    testable: true,
    source: "diaspora/diaspora:features/desktop/user_applications.feature",
  },
  {
    text: 'Given following users exist:, when I go to the activity stream page, then I should see "My activity" within "#main"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/activity_stream.feature",
  },
  {
    text: 'Given following users exist:, when I go to the activity stream page, then I should not see "Hello! I am #newhere"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/activity_stream.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I press "Change password", then I should see "Password changed"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/change_password.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I press "Change password", then I should be on the new user session page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/change_password.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I click on selector "#close_account", then I should see a modal',
    testable: true,
    source: "diaspora/diaspora:features/mobile/closes_account.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I click on selector "#close_account", then I should see "Hey, please don’t go!" within "#closeAccountModal"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/closes_account.feature",
  },
  {
    text: 'Given I send a mobile message with subject "Greetings" and text "hello, alice!" to "Alice Awesome", then I should see "Greetings" within ".conversation h3"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/conversations.feature",
  },
  {
    text: 'Given I send a mobile message with subject "Greetings" and text "hello, alice!" to "Alice Awesome", then "Alice Awesome" should be part of active conversation',
    testable: true,
    source: "diaspora/diaspora:features/mobile/conversations.feature",
  },
  {
    text: 'Given a user with email "alice@alice.alice", when I click on selector ".header-title", then I should be on the stream page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/drawer.feature",
  },
  {
    text: 'Given a user with email "alice@alice.alice", when I click on selector "#notification-badge", then I should be on the notifications page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/drawer.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I press "Update profile", then I should be on my edit profile page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/edits_profile.feature",
  },
  {
    text: 'Given I am signed in on the mobile website, when I press "Update profile", then I should see "Profile updated"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/edits_profile.feature",
  },
  {
    text: 'Given I am on the login page, when I follow "awesome_button", then I should be on the stream page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/getting_started.feature",
  },
  {
    text: 'Given I am on the login page, when I follow "awesome_button", then I should not see "awesome_button"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/getting_started.feature",
  },
  {
    text: 'when I am on the root page, then I should see "LOG IN"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/home.feature",
  },
  {
    text: 'when I go to the root page, then I should see "Welcome, friend"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/home.feature",
  },
  {
    text: 'Given I have been invited by "alice@alice.alice", when I press "Create account", then I should see the "welcome to diaspora" message',
    testable: true,
    source: "diaspora/diaspora:features/mobile/invitations.feature",
  },
  {
    text: 'Given I have been invited by "alice@alice.alice", when I press "Create account", then I should be able to friend "alice@alice.alice"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/invitations.feature",
  },
  {
    text: 'Given a user named "Bob Jones" with email "bob@bob.bob", when I am on "bob@bob.bob"\'s page, then I should see "public stuff" within ".ltr"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/logged_out_browsing.feature",
  },
  {
    text: 'Given a user named "Bob Jones" with email "bob@bob.bob", when I am on "bob@bob.bob"\'s page, then I should see "this also" within ".comment"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/logged_out_browsing.feature",
  },
  {
    text: 'Given I am on the home page, when I go to the stream page, then I should see "There are no posts yet."',
    testable: true,
    source: "diaspora/diaspora:features/mobile/more-button.feature",
  },
  {
    text: 'Given I am on the home page, when I go to the stream page, then I should see "You have reached the end of the stream."',
    testable: true,
    source: "diaspora/diaspora:features/mobile/more-button.feature",
  },
  {
    text: 'Given I visit the mobile publisher page, when I attach the file "spec/fixtures/button.png" to hidden "qqfile" within "#file-upload-publisher", then I should see "button.png completed"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/multiphoto.feature",
  },
  {
    text: 'Given I visit the mobile publisher page, when I attach the file "spec/fixtures/button.png" to hidden "qqfile" within "#file-upload-publisher", then I should see an uploaded image within the photo drop zone',
    testable: true,
    source: "diaspora/diaspora:features/mobile/multiphoto.feature",
  },
  {
    text: 'Given a nsfw user with email "tommy@nsfw.example.com", when I submit the form, then I should be on the edit profile page',
    testable: true,
    source: "diaspora/diaspora:features/mobile/not_safe_for_work.feature",
  },
  {
    text: 'Given a nsfw user with email "tommy@nsfw.example.com", when I submit the form, then the "profile[nsfw]" checkbox should be checked',
    testable: true,
    source: "diaspora/diaspora:features/mobile/not_safe_for_work.feature",
  },
  {
    text: 'Given following users exist:, when I am on "alice@alice.alice"\'s page, then the aspect dropdown within "#author_info" should be labeled "Add contact"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/people_aspects.feature",
  },
  {
    text: 'Given following users exist:, when I select "Unicorns" from "user_aspects" within "#author_info", then the aspect dropdown within "#author_info" should be labeled "Unicorns"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/people_aspects.feature",
  },
  {
    text: 'Given I visit the mobile publisher page, when I go to the stream page, then I should see "I am eating yogurt"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/posts_from_main_page.feature",
  },
  {
    text: 'Given I visit the mobile publisher page, when I confirm the alert after I click on selector "a.remove", then I should not see "I am eating yogurt"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/posts_from_main_page.feature",
  },
  {
    text: 'Given following users exist:, when I click on selector "a.like-action.inactive", then I should see a "a.like-action.active"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/reactions.feature",
  },
  {
    text: 'Given following users exist:, when I click on selector "a.like-action.inactive", then I should see "1" within ".like-count"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/reactions.feature",
  },
  {
    text: 'Given following users exist:, then I should see a ".reshare-action.active"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/reshare.feature",
  },
  {
    text: 'Given following users exist:, when I go to the stream page, then I should see "Reshared via" within ".reshare_via"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/reshare.feature",
  },
  {
    text: 'Given following users exist:, when I go to the stream page, then I should see "Hello! I am #newhere" within ".ltr"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/stream.feature",
  },
  {
    text: 'Given following users exist:, when I go to the stream page, then I should see "less than a minute ago" within "#main-stream"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/stream.feature",
  },
  {
    text: 'Given following users exist:, when I click on selector ".tag_following_action", then I should see "Stop following #newhere" within ".tag_following_action"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/tags.feature",
  },
  {
    text: 'Given following users exist:, when I am on the home page, then I should see "Hello! I am #newhere"',
    testable: true,
    source: "diaspora/diaspora:features/mobile/tags.feature",
  },
  {
    text: "WHEN a Kiro Worker starts with a work item, THEN the Kiro_Worker SHALL identify the Feature_Branch name from the work item metadata",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Feature_Branch name is identified, THEN the Kiro_Worker SHALL verify that a branch with that name exists in the repository",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Feature_Branch exists, THEN the Kiro_Worker SHALL check out that Feature_Branch",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Feature_Branch is checked out, THEN the Kiro_Worker SHALL verify that a spec folder exists matching the branch name in .kiro/specs/",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the spec folder is verified, THEN the Kiro_Worker SHALL confirm that requirements.md, design.md, and tasks.md files exist in that folder",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the branch or spec files do not exist, THEN the Kiro_Worker SHALL fail with a clear error message indicating what is missing",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN work is completed, THEN the Kiro_Worker SHALL commit all changes to the Feature_Branch",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN changes are committed, THEN the Kiro_Worker SHALL push the Feature_Branch to the remote repository",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN a Feature_Branch is pushed, THEN the Kiro_Worker SHALL create a Pull_Request targeting the Main_Branch",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN creating a Pull_Request, THEN the Kiro_Worker SHALL include a descriptive title summarizing the changes",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN creating a Pull_Request, THEN the Kiro_Worker SHALL include a body describing the work performed and referencing the Spec_Task",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN a Pull_Request is created, THEN the Kiro_Worker SHALL include metadata linking to the CodeBuild execution",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN Pull_Request creation fails, THEN the Kiro_Worker SHALL log the error and report failure status",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Kiro_Worker runs, THEN the Kiro_Worker SHALL execute Kiro CLI commands within the CodeBuild environment",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN executing Kiro CLI, THEN the Kiro_Worker SHALL pass the appropriate Spec_Task identifier",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN Kiro CLI completes successfully, THEN the Kiro_Worker SHALL capture the output and logs",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN Kiro CLI execution fails, THEN the Kiro_Worker SHALL capture error details and fail the build",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN Kiro CLI modifies files, THEN the Kiro_Worker SHALL track all file changes for commit",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN Kiro CLI completes code generation, THEN the Kiro_Worker SHALL execute the project's test suite",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN tests are executed, THEN the Kiro_Worker SHALL capture test results and output",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN tests complete, THEN the Kiro_Worker SHALL run code coverage analysis on the repository",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN code coverage is less than 80%, THEN the Kiro_Worker SHALL fail the build and report the coverage percentage",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN all tests pass and coverage is at least 80%, THEN the Kiro_Worker SHALL proceed to create a Pull_Request",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN any tests fail, THEN the Kiro_Worker SHALL fail the build and report test failures",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN test results are available, THEN the Kiro_Worker SHALL include test summary and coverage percentage in the Pull_Request body",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Kiro_Worker starts, THEN the Kiro_Worker SHALL accept an environment parameter specifying Test_Environment, Staging_Environment, or Production_Environment",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN operating in Test_Environment, THEN the Kiro_Worker SHALL use test-specific configuration and credentials",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN operating in Staging_Environment, THEN the Kiro_Worker SHALL use staging-specific configuration and credentials",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN operating in Production_Environment, THEN the Kiro_Worker SHALL use production-specific configuration and credentials",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN environment configuration is missing, THEN the Kiro_Worker SHALL fail with a clear error message",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Kiro_Worker starts, THEN the Kiro_Worker SHALL read configuration from CodeBuild environment variables",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN a CodeBuild_Project starts, THEN the Kiro_Worker SHALL initialize with the provided build context",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the Kiro_Worker completes, THEN the Kiro_Worker SHALL report success or failure status to CodeBuild",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN errors occur, THEN the Kiro_Worker SHALL log detailed error information to CloudWatch Logs",
    testable: true,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the build approaches timeout, THEN the Kiro_Worker SHALL respect CodeBuild timeout limits and handle timeout scenarios gracefully",
    testable: false,
    source: "staneslevski/kiro-autonomous-build:.kiro/specs/kiro-codebuild-worker/requirements.md",
  },
  {
    text: "WHEN the system polls GitHub Projects, THE GitHub_Project_Monitor SHALL query work items in all configured states",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHERE multiple states are configured, THE GitHub_Project_Monitor SHALL return work items from any of those states",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN a work item is retrieved, THE System SHALL include the current state in the work item data",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "THE Configuration SHALL define a list of monitored states without requiring code changes",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN configuration is updated with new states, THE System SHALL monitor those states on the next polling cycle",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN a work item is processed, THE State_Router SHALL determine the appropriate workflow based on the work item state",
    testable: false,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'WHERE state is "Build Requirements", THE State_Router SHALL route to the Requirements_Generation_Workflow',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'WHERE state is "For Implementation", THE State_Router SHALL route to the existing Implementation_Workflow',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "IF a work item state has no configured workflow, THEN THE System SHALL log a warning and skip the work item",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "THE Configuration SHALL define state-to-workflow mappings that can be modified without code changes",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'WHEN a work item in "Build Requirements" state is processed, THE Requirements_Generator SHALL analyze the work item title and description',
    testable: false,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN analyzing a work item, THE Requirements_Generator SHALL extract user stories, acceptance criteria, and technical constraints",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN requirements are extracted, THE Requirements_Generator SHALL generate a requirements.md file following the project template",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "THE requirements.md file SHALL include an Introduction, Glossary, and Requirements sections with user stories and acceptance criteria",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN requirements generation completes, THE System SHALL commit the requirements.md file to the work item branch",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'WHEN processing a work item in "Build Requirements" state, IF the branch does not exist, THEN THE System SHALL create a new branch',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN creating a branch, THE System SHALL generate the Branch_Name from the work item title in kebab-case format",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN a branch is created or exists, THE System SHALL ensure the .kiro/specs/{Branch_Name}/ directory structure exists",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'WHEN processing a work item in "For Implementation" state, THE System SHALL validate that the branch, Spec_Folder, and pull request exist',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'IF validation fails for "For Implementation" state, THEN THE System SHALL log an error and skip the work item',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN requirements.md is committed to a branch, THE System SHALL create a pull request for the branch",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN creating a pull request, THE System SHALL set the title to the work item title",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN creating a pull request, THE System SHALL include the work item description and a link to the generated requirements in the PR body",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN a pull request is created successfully, THE System SHALL update the work item with the pull request URL",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "IF a pull request already exists for the branch, THEN THE System SHALL update the existing pull request instead of creating a new one",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN requirements generation completes successfully, THE System SHALL update the work item state to the configured next state",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: 'THE Configuration SHALL define the next state for each workflow (e.g., "Build Requirements" → "Requirements Review")',
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN a state transition is configured, THE System SHALL update the work item state via the GitHub Projects API",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "IF state transition fails, THEN THE System SHALL log an error but not fail the entire workflow",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN no next state is configured for a workflow, THE System SHALL leave the work item state unchanged",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN analyzing a work item description, THE Requirements_Generator SHALL identify user stories using natural language processing patterns",
    testable: false,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN user stories are identified, THE Requirements_Generator SHALL extract acceptance criteria for each user story",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN technical terms are found in the description, THE Requirements_Generator SHALL add them to the Glossary section",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "THE Requirements_Generator SHALL format requirements using EARS patterns (Ubiquitous, Event-driven, State-driven, Unwanted event, Optional feature)",
    testable: true,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "WHEN generating acceptance criteria, THE Requirements_Generator SHALL ensure each criterion is testable and measurable",
    testable: false,
    source:
      "staneslevski/kiro-autonomous-build:.kiro/specs/multi-state-requirements-generation/requirements.md",
  },
  {
    text: "Given an empty shopping cart, then the total of my shopping cart is € 0.00",
    testable: true,
    source: "michelgrootjans/python-katas:behave/features/shopping_cart.feature",
  },
  {
    text: "Given an empty shopping cart and a chair is for sale for € 10.00, when I add a chair to my shopping cart, then the total of my shopping cart is € 10.00",
    testable: true,
    source: "michelgrootjans/python-katas:behave/features/shopping_cart.feature",
  },
  {
    text: "Given an empty shopping cart and a chair is for sale for € 10.00, when I add 2 chairs to my shopping cart, then the total of my shopping cart is € 20.00",
    testable: true,
    source: "michelgrootjans/python-katas:behave/features/shopping_cart.feature",
  },
  {
    text: "Given my basket contains 2 fruit tea(s), 1 punnet(s) of strawberries, and 1 packet(s) of coffee, when I checkout, then my order total should be £22.25",
    testable: true,
    source: "WillRochaThomas/SupermarketCheckout:features/checkout_with_no_discounts.feature",
  },
  {
    text: 'Given a empty cart and the following products, when I add a the products to the cart, then the total price in the cart should be "65.98"',
    testable: true,
    source: "Dearon/Acme:features/seeCartPrice.feature",
  },
  {
    text: "Given I log in as a standard user, when I add multiple items to the cart, then the total price at checkout is Item total: $25.98 excluding tax",
    testable: true,
    source: "Jibbas-test/ch-swag-labs:src/test/resources/features/checkout_cost_is_correct.feature",
  },
  {
    text: 'Given a user exists with email "patryk@example.com" and password "secret", when I log in as "patryk@example.com" with password "secret", then I should see "Signed in successfully"',
    testable: true,
    source: "xPolydeuces/notice-board:features/login.feature",
  },
  {
    text: 'Given there is a registered user with email "user@example.com", when I press the sign in button, then the flash message should be "Signed in successfully."',
    testable: true,
    source: "loicginoux/joanne_project:features/signin_in.feature",
  },
  {
    text: 'Given there is a user "johnny@example.com", when I submit valid credentials, then I see that user info in the session',
    testable: true,
    source: "nova-developers/blog:test/features/user_signsin.feature",
  },
  {
    text: 'Given I have terminal opened, when I am in current directory, then there is a file "scenario.suite.yml"',
    testable: true,
    source: "Codeception/Codeception:tests/data/claypit/tests/scenario/File.feature",
  },
  {
    text: 'Given a feature file named "sample.feature", when I visit the sample feature page, then I should see "Feature: Sample Feature"',
    testable: true,
    source: "bbc/wally:features/view_feature.feature",
  },
  {
    text: "Given a project, when loaded, then dashboard displays",
    testable: true,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "Dashboard loads in under 2 seconds",
    testable: true,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "System MUST display a dashboard",
    testable: true,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "System MUST support filtering",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "System MUST show real-time updates",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "System MUST validate input",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "System MUST handle errors gracefully",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "All data is accurate",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "Errors are clearly communicated",
    testable: false,
    source: "intent-integrity-chain/kit:tests/dashboard/fixtures/testify/spec.md",
  },
  {
    text: "Given some precondition and some other precondition, when some action by the actor, then some testable outcome is achieved",
    testable: false,
    source: "AlexanderAllen-zz/behat-example:examples/gherkin.feature",
  },
  {
    text: "Given some precondition, when yet another action, then something else we can check happens too",
    testable: false,
    source: "AlexanderAllen-zz/behat-example:examples/gherkin.feature",
  },
  {
    text: "Given The precondition for the test - goes to website or logs in, when The step that the test is created for is executed in the when step, then The assertion that the test has passed and worked fine",
    testable: false,
    source: "deepan92/Testing:src/test/java/website/RandomTest.feature",
  },
  {
    text: "Given a thing, when a something happens, then a thing should happen",
    testable: false,
    source: "mixxorz/BehaveToolkit:features/toolkit.feature",
  },
  {
    text: "Given a second thing, when a second thing happens, then a second thing should happen",
    testable: false,
    source: "mixxorz/BehaveToolkit:features/toolkit.feature",
  },
  {
    text: "Given step of simple scenario 1, then step of simple scenario 2",
    testable: false,
    source: "Andras-Marozsi/cucumber-js_tests:features/test.feature",
  },
  {
    text: "It should take less than 3 seconds to load the initial screen when the App is made to start up.",
    testable: true,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "It should take less than 1 second to response to any click.",
    testable: true,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "When the user data increases, the App should be able to handle without delay.",
    testable: false,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "The UI must be intuitive. Users should be able use the App without any guideline or help from the experts or manuals.",
    testable: false,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "The App should be responsive to the user Input.",
    testable: false,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "The App state, including weights and job details, should persist between runs.",
    testable: true,
    source: "GrafDuckula/CS6300-Team:GroupProject/Docs/ExtraRequirements.md",
  },
  {
    text: "The basic tasks will be easy to accomplish quickly with little or no user error",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The interface will be easy to use and navigate and the elements, such as buttons, headers, and error messages will be easy to understand",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The interface will have few elements to minimize the perceived workload for the user",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The interface will support accessibility to allow diverse peoples to use the app",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "Basic functions will work as expected when attempted, and if an error does occur for the user, it will be handled and displayed in a message",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The basic tasks will be performed in less than 3 seconds for users on a strong network to ensure that users can perform basic tasks in a reasonable amount of time",
    testable: true,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The app can be installed quickly and easily by users",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The features of the app will be easily changed to ensure that the app can be easily maintained and updated",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The features of the app will be simple enough to be easily testable",
    testable: false,
    source: "calvin-cs262-fall2019-teamH/TurtleTracker:Supplemental_Specification.md",
  },
  {
    text: "The system's user interface will be very simple and self-explanatory.",
    testable: false,
    source: "pruvi007/PROJECTS:ESOP_(updated)/WIKI/Nonfunctional-Requirements.md",
  },
  {
    text: "The system is guaranteed to be reliable.",
    testable: false,
    source: "pruvi007/PROJECTS:ESOP_(updated)/WIKI/Nonfunctional-Requirements.md",
  },
  {
    text: "The system will be used by many employees of the restaurant at the same time and can handle it without any errors.",
    testable: false,
    source: "pruvi007/PROJECTS:ESOP_(updated)/WIKI/Nonfunctional-Requirements.md",
  },
  {
    text: "The system will support changes that the restaurant might need to make in future.",
    testable: false,
    source: "pruvi007/PROJECTS:ESOP_(updated)/WIKI/Nonfunctional-Requirements.md",
  },
  {
    text: "The client is correctly documented",
    testable: false,
    source: "FrankMartinuz/2020_5BI_team1_Liboni:docs/Project_Success_Criteria_client.md",
  },
  {
    text: "The client have all the document correctly done, with all the information that can be useful.",
    testable: false,
    source: "FrankMartinuz/2020_5BI_team1_Liboni:docs/Project_Success_Criteria_client.md",
  },
  {
    text: "Given a set of photos, when the user creates a new album for a specific date, then the album is created and visible on the main page.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "Given multiple albums, when the user drags and drops albums to reorder them, then the new order is reflected immediately on the main page.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "Given an album, when the user opens it, then all photos in that album are shown as tiles for easy preview.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST allow users to create photo albums grouped by date.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST allow users to view all albums on the main page.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST allow users to reorder albums by dragging and dropping on the main page.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST prevent albums from containing other albums (no nesting).",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST display photos within each album in a tile-like preview interface.",
    testable: true,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST handle attempts to create duplicate albums for the same date. [NEEDS CLARIFICATION: Should it merge, block, or warn?]",
    testable: false,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST handle large albums efficiently. [NEEDS CLARIFICATION: Is there a performance or photo count limit?]",
    testable: false,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST define behavior for duplicate photos within an album. [NEEDS CLARIFICATION: Allow, block, or warn?]",
    testable: false,
    source: "slopwell/sandbox:spec-kit/spec-kit-example/specs/001-build-an-application/spec.md",
  },
  {
    text: "Given a user has photos on their device, when they open the application, then photos are automatically organized into albums based on their date metadata",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "Given albums are displayed on the main page, when the user drags an album to a new position, then the album order is updated and persisted",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "Given a user clicks on an album, when the album opens, then all photos within are displayed in a tile/grid layout",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "Given photos are displayed in tile view, when a user clicks on a photo, then [NEEDS CLARIFICATION: full-screen view, editing options, or metadata display?]",
    testable: false,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST persist album order changes between sessions",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST enforce that albums cannot be nested within other albums",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "Users MUST be able to view individual photos from the tile interface",
    testable: true,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
  {
    text: "System MUST maintain photo quality and metadata during organization",
    testable: false,
    source: "srijanarya/ai-finance-agency:specs/001-build-an-application/spec.md",
  },
];
