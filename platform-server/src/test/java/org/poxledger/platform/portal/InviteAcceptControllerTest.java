package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.invitation.InvitationService;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The invitee's page. The slice runs Spring Boot's default security, where every page needs a log-in, so requests come
 * from a plain "visitor" user, who is no {@code PoxUser} and so looks anonymous to the page; the real rule (anyone may
 * open {@code /invite/**}) is exercised by {@link PortalJourneyIT} in a fresh browser session.
 */
@WebMvcTest(InviteAcceptController.class)
class InviteAcceptControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    InvitationService invitations;

    @MockitoBean
    SessionLogin login;

    @MockitoBean
    LedgerPolicyCatalog policies;

    @BeforeEach
    void invitation() {
        when(invitations.lookup("CODE1"))
                .thenReturn(new InvitationService.PublicInvitation(
                        "CODE1", "Alice", "wechat:bob_01", Instant.parse("2030-01-01T00:00:00Z")));
    }

    @Test
    void shows_who_invites_and_which_account() throws Exception {
        String html = mvc.perform(get("/invite/CODE1").with(visitor()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("<span id=\"inviter\">Alice</span>")
                .contains("wechat:bob_01")
                .contains("2030-01-01 00:00 UTC");
    }

    @Test
    void an_expired_invitation_is_a_page_of_its_own_with_its_status() throws Exception {
        when(invitations.lookup("OLD"))
                .thenThrow(Refusal.of(
                        ErrorCode.INVITATION_EXPIRED, null, "invitation OLD expired at 2020-01-01T00:00:00Z"));

        String html = mvc.perform(get("/invite/OLD").with(visitor()))
                .andExpect(status().isGone())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .contains("This invitation has expired")
                .contains("Invitation OLD expired at 2020-01-01T00:00:00Z.");
    }

    @Test
    void a_taken_username_is_shown_next_to_the_username_field() throws Exception {
        when(invitations.accept(eq("CODE1"), eq("bob"), any(), eq("Bob"), isNull()))
                .thenThrow(Refusal.of(ErrorCode.USERNAME_TAKEN, "username", "username bob is taken"));

        mvc.perform(accept("bob"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "username", "USERNAME_TAKEN"));
        verify(login, never()).logIn(any(), any(), any());
    }

    @Test
    void a_short_password_is_refused_before_anything_is_registered() throws Exception {
        mvc.perform(post("/invite/CODE1")
                        .with(visitor())
                        .with(csrf())
                        .param("username", "bob")
                        .param("password", "short")
                        .param("displayName", "Bob"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "password"));
        verify(invitations, never()).accept(any(), any(), any(), any(), any());
    }

    @Test
    void registers_logs_the_new_member_in_and_opens_the_dashboard() throws Exception {
        when(login.logIn(eq("bob"), any(), any())).thenReturn(true);

        mvc.perform(accept("bob")).andExpect(redirectedUrl("/"));

        verify(invitations).accept("CODE1", "bob", "correct horse battery", "Bob", null);
    }

    private static RequestPostProcessor visitor() {
        return user("visitor");
    }

    private static MockHttpServletRequestBuilder accept(String username) {
        return post("/invite/CODE1")
                .with(visitor())
                .with(csrf())
                .param("username", username)
                .param("password", "correct horse battery")
                .param("displayName", " Bob ")
                .param("email", "");
    }
}
